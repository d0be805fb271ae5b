using ChamberFirmware.Hal.Board;
using ChamberFirmware.Hal.Clock;
using ChamberFirmware.Hal.Gpio;
using ChamberFirmware.Hal.I2c;
using ChamberFirmware.Hal.Simulated;

namespace ChamberFirmware.Starvation
{
    /// <summary>The simulated board as the firmware sees it, every pin and bus call counted by a <see cref="BoardMeter"/>.</summary>
    public sealed class MeteredBoard : IChamberBoard
    {
        private readonly SimulatedChamber _chamber;
        private readonly IDigitalOutput[] _enables;
        private readonly IDigitalInput[] _readbacks;

        public MeteredBoard(SimulatedChamber chamber, BoardMeter meter)
        {
            _chamber = chamber;
            _enables = new IDigitalOutput[chamber.EmitterChannelCount];
            _readbacks = new IDigitalInput[chamber.EmitterChannelCount];
            for (int i = 0; i < _enables.Length; i++)
            {
                _enables[i] = new MeteredOutput(chamber.GetEmitterEnable(i), meter);
                _readbacks[i] = new MeteredInput(chamber.GetEmitterReadback(i), meter);
            }

            KeepAlive = new MeteredKeepAlive(chamber.KeepAlive, meter);
            InterlockPowerSense = new MeteredInput(chamber.InterlockPowerSense, meter);
            NanobotCounter = new MeteredI2cDevice(chamber.NanobotCounter, meter);
            TemperatureSensor = new MeteredI2cDevice(chamber.TemperatureSensor, meter);
            StatusLed = new MeteredOutput(chamber.StatusLed, meter);
            Buzzer = new MeteredOutput(chamber.Buzzer, meter);
            ProvisioningJumper = new MeteredInput(chamber.ProvisioningJumper, meter);
        }

        public IMonotonicClock Clock => _chamber.Clock;

        public int EmitterChannelCount => _enables.Length;

        public IKeepAliveOutput KeepAlive { get; }

        public IDigitalInput InterlockPowerSense { get; }

        public II2cDevice NanobotCounter { get; }

        public II2cDevice TemperatureSensor { get; }

        public IDigitalOutput StatusLed { get; }

        public IDigitalOutput Buzzer { get; }

        public IDigitalInput ProvisioningJumper { get; }

        public IDigitalOutput GetEmitterEnable(int channel) => _enables[channel];

        public IDigitalInput GetEmitterReadback(int channel) => _readbacks[channel];
    }
}
