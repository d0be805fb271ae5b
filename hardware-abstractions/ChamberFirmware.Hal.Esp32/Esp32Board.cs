using System.Device.Gpio;
using System.Device.I2c;
using ChamberFirmware.Hal.Board;
using ChamberFirmware.Hal.Clock;
using ChamberFirmware.Hal.Gpio;
using ChamberFirmware.Hal.I2c;
using nanoFramework.Hardware.Esp32;

namespace ChamberFirmware.Hal.Esp32
{
    /// <summary>
    /// The chamber controller board on the ESP32: the only place that creates hardware objects
    /// (GpioController, GpioPin, I2cDevice, pin-mux calls), from <see cref="Esp32PinMap"/> and
    /// <see cref="BoardPins"/>. Construct it once at boot, before anything else touches a pin.
    /// Order matters: emitter enables first, driven low (the board's pull-downs already hold them
    /// low; this makes the MCU agree), then the interlock, then the rest.
    /// Signatures: nanoframework/System.Device.Gpio, System.Device.Gpio/GpioController.cs
    /// (GpioPin OpenPin(int pinNumber, PinMode mode)), PinMode.cs (Output, Input);
    /// nanoframework/System.Device.I2c, System.Device.I2c/I2cConnectionSettings.cs
    /// (I2cConnectionSettings(int busId, int deviceAddress, I2cBusSpeed busSpeed)),
    /// I2cBusSpeed.cs (FastMode), I2cDevice.cs (static I2cDevice Create(I2cConnectionSettings));
    /// nanoframework/nanoFramework.Hardware.Esp32, nanoFramework.Hardware.Esp32/Configuration.cs
    /// (static void SetPinFunction(int pin, DeviceFunction value)), DeviceTypePins.cs
    /// (DeviceFunction.I2C1_DATA, I2C1_CLOCK).
    /// </summary>
    public sealed class Esp32Board : IChamberBoard
    {
        private readonly GpioController _gpio;
        private readonly IDigitalOutput[] _emitterEnables;
        private readonly IDigitalInput[] _emitterReadbacks;

        public Esp32Board()
        {
            _gpio = new GpioController();

            _emitterEnables = new IDigitalOutput[BoardPins.EmitterChannelCount];
            for (int channel = 0; channel < BoardPins.EmitterChannelCount; channel++)
            {
                GpioPin pin = _gpio.OpenPin(Esp32PinMap.EmitterEnable(channel), PinMode.Output);
                pin.Write(PinValue.Low);
                _emitterEnables[channel] = new Esp32OutputPin(pin);
            }

            // Toggle() flips the latched level; the hold circuit needs edges, not a level.
            KeepAlive = new Esp32KeepAliveOutput(_gpio.OpenPin(Esp32PinMap.KeepAlive, PinMode.Output));

            // Inputs use the board's resistors and comparators: GPIO34..39 have no internal pulls.
            _emitterReadbacks = new IDigitalInput[BoardPins.EmitterChannelCount];
            for (int channel = 0; channel < BoardPins.EmitterChannelCount; channel++)
            {
                _emitterReadbacks[channel] = new Esp32InputPin(_gpio.OpenPin(Esp32PinMap.EmitterReadback(channel), PinMode.Input));
            }

            InterlockPowerSense = new Esp32InputPin(_gpio.OpenPin(Esp32PinMap.InterlockPowerSense, PinMode.Input));
            ProvisioningJumper = new Esp32InputPin(_gpio.OpenPin(Esp32PinMap.ProvisioningJumper, PinMode.Input));

            GpioPin led = _gpio.OpenPin(Esp32PinMap.StatusLed, PinMode.Output);
            led.Write(PinValue.Low);
            StatusLed = new Esp32OutputPin(led);
            GpioPin buzzer = _gpio.OpenPin(Esp32PinMap.Buzzer, PinMode.Output);
            buzzer.Write(PinValue.Low);
            Buzzer = new Esp32OutputPin(buzzer);

            Configuration.SetPinFunction(Esp32PinMap.SensorBusData, DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(Esp32PinMap.SensorBusClock, DeviceFunction.I2C1_CLOCK);
            NanobotCounter = new Esp32I2cDevice(I2cDevice.Create(new I2cConnectionSettings(BoardPins.SensorBusId, BoardPins.NanobotCounterAddress, I2cBusSpeed.FastMode)));
            TemperatureSensor = new Esp32I2cDevice(I2cDevice.Create(new I2cConnectionSettings(BoardPins.SensorBusId, BoardPins.TemperatureSensorAddress, I2cBusSpeed.FastMode)));

            Clock = new Esp32MonotonicClock();
        }

        public IMonotonicClock Clock { get; }

        public int EmitterChannelCount => BoardPins.EmitterChannelCount;

        public IDigitalOutput GetEmitterEnable(int channel)
        {
            return _emitterEnables[channel];
        }

        public IDigitalInput GetEmitterReadback(int channel)
        {
            return _emitterReadbacks[channel];
        }

        public IKeepAliveOutput KeepAlive { get; }

        public IDigitalInput InterlockPowerSense { get; }

        public II2cDevice NanobotCounter { get; }

        public II2cDevice TemperatureSensor { get; }

        public IDigitalOutput StatusLed { get; }

        public IDigitalOutput Buzzer { get; }

        public IDigitalInput ProvisioningJumper { get; }
    }
}
