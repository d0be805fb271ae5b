using ChamberFirmware.Hal.Clock;
using ChamberFirmware.Hal.Gpio;
using ChamberFirmware.Hal.I2c;

namespace ChamberFirmware.Hal.Board
{
    /// <summary>
    /// Every hardware line of the chamber controller board, as HAL interfaces. Implemented by the
    /// ESP32 factory (Esp32Board, the only place that creates hardware objects) and by the
    /// simulated chamber; the firmware is written against this and nothing below it.
    /// </summary>
    public interface IChamberBoard
    {
        IMonotonicClock Clock { get; }

        int EmitterChannelCount { get; }

        IDigitalOutput GetEmitterEnable(int channel);

        IDigitalInput GetEmitterReadback(int channel);

        IKeepAliveOutput KeepAlive { get; }

        IDigitalInput InterlockPowerSense { get; }

        II2cDevice NanobotCounter { get; }

        II2cDevice TemperatureSensor { get; }

        IDigitalOutput StatusLed { get; }

        IDigitalOutput Buzzer { get; }

        IDigitalInput ProvisioningJumper { get; }
    }
}
