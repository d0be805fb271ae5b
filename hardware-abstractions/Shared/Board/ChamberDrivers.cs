using System;
using ChamberFirmware.Hal.Drivers.Alarm;
using ChamberFirmware.Hal.Drivers.Counter;
using ChamberFirmware.Hal.Drivers.Emitters;
using ChamberFirmware.Hal.Drivers.Interlock;
using ChamberFirmware.Hal.Drivers.Provisioning;
using ChamberFirmware.Hal.Drivers.Temperature;
using ChamberFirmware.Hal.Gpio;

namespace ChamberFirmware.Hal.Board
{
    /// <summary>
    /// Every chip driver of the board, built once from an <see cref="IChamberBoard"/> (real or
    /// simulated). The firmware holds this; nothing in it touches hardware objects directly.
    /// </summary>
    public sealed class ChamberDrivers
    {
        public ChamberDrivers(IChamberBoard board)
        {
            if (board == null)
            {
                throw new ArgumentNullException(nameof(board));
            }

            int channels = board.EmitterChannelCount;
            IDigitalOutput[] enables = new IDigitalOutput[channels];
            IDigitalInput[] readbacks = new IDigitalInput[channels];
            for (int channel = 0; channel < channels; channel++)
            {
                enables[channel] = board.GetEmitterEnable(channel);
                readbacks[channel] = board.GetEmitterReadback(channel);
            }

            Emitters = new EmitterBank(enables, readbacks);
            Interlock = new EmitterInterlock(board.KeepAlive, board.InterlockPowerSense);
            Counter = new NanobotCounter(board.NanobotCounter, board.Clock);
            Temperature = new ChamberTemperatureSensor(board.TemperatureSensor, board.Clock);
            Alarm = new AlarmIndicator(board.StatusLed, board.Buzzer);
            ProvisioningJumper = new ProvisioningJumper(board.ProvisioningJumper);
        }

        public EmitterBank Emitters { get; }

        public EmitterInterlock Interlock { get; }

        public NanobotCounter Counter { get; }

        public ChamberTemperatureSensor Temperature { get; }

        public AlarmIndicator Alarm { get; }

        public ProvisioningJumper ProvisioningJumper { get; }
    }
}
