using System;
using ChamberFirmware.Hal.Gpio;

namespace ChamberFirmware.Hal.Drivers.Alarm
{
    /// <summary>
    /// The status LED and the alarm buzzer. Each line is written only when its value changes
    /// (the first call always writes: the level after construction is not known to software).
    /// </summary>
    public sealed class AlarmIndicator
    {
        private readonly IDigitalOutput _led;
        private readonly IDigitalOutput _buzzer;
        private bool _ledOn;
        private bool _buzzerOn;
        private bool _ledKnown;
        private bool _buzzerKnown;
        private long _pinWrites;

        public AlarmIndicator(IDigitalOutput led, IDigitalOutput buzzer)
        {
            if (led == null)
            {
                throw new ArgumentNullException(nameof(led));
            }

            if (buzzer == null)
            {
                throw new ArgumentNullException(nameof(buzzer));
            }

            _led = led;
            _buzzer = buzzer;
        }

        public bool LedOn => _ledOn;

        public bool BuzzerOn => _buzzerOn;

        public long PinWrites => _pinWrites;

        /// <summary>LED and buzzer together (the supervisor's alarm output); one call per tick, no write unless something changes.</summary>
        public void Set(bool on)
        {
            if (_ledKnown && _buzzerKnown && on == _ledOn && on == _buzzerOn)
            {
                return;
            }

            SetLed(on);
            SetBuzzer(on);
        }

        public void SetLed(bool on)
        {
            if (_ledKnown && on == _ledOn)
            {
                return;
            }

            _led.Write(on);
            _pinWrites++;
            _ledOn = on;
            _ledKnown = true;
        }

        public void SetBuzzer(bool on)
        {
            if (_buzzerKnown && on == _buzzerOn)
            {
                return;
            }

            _buzzer.Write(on);
            _pinWrites++;
            _buzzerOn = on;
            _buzzerKnown = true;
        }
    }
}
