using System;
using ChamberFirmware.Hal.Board;
using ChamberFirmware.Hal.Clock;
using ChamberFirmware.Hal.Gpio;
using ChamberFirmware.Hal.I2c;

namespace ChamberFirmware.Hal.Simulated.Minimal
{
    /// <summary>
    /// A board whose every part costs the interpreter about what the ESP32 adapter's managed side
    /// does: register images instead of chip models, pins as fields, the hold circuit as an edge
    /// time. No plant, no faults. It exists to measure the firmware's own cost and allocations on
    /// nanoCLR (tools/DeviceBench, the device allocation tests), which the simulated board — a
    /// model of the chamber that steps its plant and chips in managed code — would swamp.
    /// </summary>
    public sealed class MinimalBoard : IChamberBoard
    {
        private readonly MinimalOutputPin[] _enables = new MinimalOutputPin[BoardPins.EmitterChannelCount];
        private readonly MinimalReadbackPin[] _readbacks = new MinimalReadbackPin[BoardPins.EmitterChannelCount];
        private readonly MinimalInterlock _interlock;
        private readonly MinimalOutputPin _led = new MinimalOutputPin();
        private readonly MinimalOutputPin _buzzer = new MinimalOutputPin();
        private readonly MinimalInputPin _jumper = new MinimalInputPin();

        public MinimalBoard(MinimalClock clock)
        {
            Clock = clock ?? throw new ArgumentNullException("clock");
            _interlock = new MinimalInterlock(clock);
            for (int channel = 0; channel < _enables.Length; channel++)
            {
                _enables[channel] = new MinimalOutputPin();
                _readbacks[channel] = new MinimalReadbackPin(_enables[channel], _interlock);
            }
        }

        public IMonotonicClock Clock { get; }

        public int EmitterChannelCount => _enables.Length;

        public IKeepAliveOutput KeepAlive => _interlock;

        public IDigitalInput InterlockPowerSense => _interlock;

        public MinimalCounterChip CounterChip { get; } = new MinimalCounterChip();

        public MinimalTemperatureChip TemperatureChip { get; } = new MinimalTemperatureChip();

        public II2cDevice NanobotCounter => CounterChip;

        public II2cDevice TemperatureSensor => TemperatureChip;

        public IDigitalOutput StatusLed => _led;

        public IDigitalOutput Buzzer => _buzzer;

        public IDigitalInput ProvisioningJumper => _jumper;

        /// <summary>True while the bank is powered (as of the latest keep-alive edge or power-sense read).</summary>
        public bool BankPowered => _interlock.Powered;

        /// <summary>Fits or pulls the provisioning jumper.</summary>
        public bool JumperFitted
        {
            get => _jumper.Level;
            set => _jumper.Level = value;
        }

        /// <summary>The channels whose enables are high.</summary>
        public int EnabledMask
        {
            get
            {
                int mask = 0;
                for (int channel = 0; channel < _enables.Length; channel++)
                {
                    if (_enables[channel].Level)
                    {
                        mask |= 1 << channel;
                    }
                }

                return mask;
            }
        }

        public IDigitalOutput GetEmitterEnable(int channel) => _enables[channel];

        public IDigitalInput GetEmitterReadback(int channel) => _readbacks[channel];
    }
}
