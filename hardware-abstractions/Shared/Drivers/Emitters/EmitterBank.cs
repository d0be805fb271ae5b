using System;
using ChamberFirmware.Hal.Gpio;

namespace ChamberFirmware.Hal.Drivers.Emitters
{
    /// <summary>
    /// The emitter bank: one enable output and one readback input per channel, driven as a bit
    /// mask. A pin is written only when its value changes (a GPIO write costs about 300 µs on the
    /// device), and channels are switched off before others are switched on, so a change of mask
    /// never powers more channels than the old or the new mask asks for.
    /// The readback senses the real drive: it reads low for every channel while the interlock has
    /// the bank unpowered. Judging a mismatch is the supervisor's job.
    /// </summary>
    public sealed class EmitterBank
    {
        /// <summary>Most channels one mask (an int) can describe.</summary>
        public const int MaxChannels = 30;

        private readonly IDigitalOutput[] _enables;
        private readonly IDigitalInput[] _readbacks;
        private readonly int _allChannelsMask;
        private int _commandedMask;

        // After construction the pins' levels are not known to software (the hardware pull-downs
        // say off, but a warm restart may leave them set), so the first command writes every pin.
        private bool _levelsKnown;
        private long _pinWrites;

        public EmitterBank(IDigitalOutput[] enables, IDigitalInput[] readbacks)
        {
            if (enables == null)
            {
                throw new ArgumentNullException(nameof(enables));
            }

            if (readbacks == null)
            {
                throw new ArgumentNullException(nameof(readbacks));
            }

            if (enables.Length < 1 || enables.Length > MaxChannels || readbacks.Length != enables.Length)
            {
                throw new ArgumentException("emitter bank needs 1 to 30 channels, one readback per enable");
            }

            for (int i = 0; i < enables.Length; i++)
            {
                if (enables[i] == null || readbacks[i] == null)
                {
                    throw new ArgumentException("emitter bank channel has no pin");
                }
            }

            _enables = enables;
            _readbacks = readbacks;
            _allChannelsMask = (1 << enables.Length) - 1;
        }

        public int ChannelCount => _enables.Length;

        /// <summary>One bit per channel of this bank.</summary>
        public int AllChannelsMask => _allChannelsMask;

        /// <summary>The mask last commanded (what the enable pins are set to).</summary>
        public int CommandedMask => _commandedMask;

        /// <summary>Pin writes made since construction (each costs ~300 µs on the device).</summary>
        public long PinWrites => _pinWrites;

        /// <summary>
        /// Drives the enables to <paramref name="mask"/>, writing only the pins that change.
        /// Returns false and changes nothing if the mask names a channel the bank does not have.
        /// </summary>
        public bool SetChannelMask(int mask)
        {
            if ((mask & ~_allChannelsMask) != 0)
            {
                return false;
            }

            int changed = _levelsKnown ? (_commandedMask ^ mask) : _allChannelsMask;
            int turnOff = changed & ~mask;
            int turnOn = changed & mask;

            // Off first, then on: never more channels enabled than either mask asks for.
            for (int channel = 0; channel < _enables.Length; channel++)
            {
                if ((turnOff & (1 << channel)) != 0)
                {
                    _enables[channel].Write(false);
                    _pinWrites++;
                }
            }

            _commandedMask &= ~turnOff;

            for (int channel = 0; channel < _enables.Length; channel++)
            {
                if ((turnOn & (1 << channel)) != 0)
                {
                    _enables[channel].Write(true);
                    _pinWrites++;
                }
            }

            _commandedMask = mask;
            _levelsKnown = true;
            return true;
        }

        /// <summary>
        /// Writes every enable low, changed or not: for start-up and for the cut path, where the
        /// few milliseconds are worth not trusting the remembered state.
        /// </summary>
        public void ForceAllOff()
        {
            for (int channel = 0; channel < _enables.Length; channel++)
            {
                _enables[channel].Write(false);
                _pinWrites++;
            }

            _commandedMask = 0;
            _levelsKnown = true;
        }

        /// <summary>Reads every readback input: a bit is set where that channel is really driven.</summary>
        public int ReadReadbackMask()
        {
            int mask = 0;
            for (int channel = 0; channel < _readbacks.Length; channel++)
            {
                if (_readbacks[channel].Read())
                {
                    mask |= 1 << channel;
                }
            }

            return mask;
        }
    }
}
