namespace ChamberFirmware.Core.Treatment
{
    /// <summary>
    /// Closed-loop intensity without PWM: holds the count near the target by choosing how many
    /// emitter channels are on. Switches on at most one channel per 1/RampChannelsPerSecond
    /// seconds, never more than MaxActiveChannels; switches off one channel per step above the
    /// dead band and all of them halfway between target and limit. Pure and allocation-free.
    /// </summary>
    public sealed class IntensityController
    {
        private int _target;
        private int _limit;
        private int _maxChannels;
        private long _rampIntervalMicroseconds;
        private int _channels;
        private bool _hasIncreased;
        private long _lastIncrease;

        public int ActiveChannels => _channels;

        /// <summary>Channels 0..n-1 on.</summary>
        public int Mask => _channels <= 0 ? 0 : (1 << _channels) - 1;

        public void Start(TreatmentProfile profile)
        {
            _target = profile.TargetCount;
            _limit = profile.CountLimit;
            _maxChannels = profile.MaxActiveChannels;
            _rampIntervalMicroseconds = 1000000L / profile.RampChannelsPerSecond;
            _channels = 0;
            _hasIncreased = false;
            _lastIncrease = 0;
        }

        public void Reset()
        {
            _channels = 0;
            _hasIncreased = false;
        }

        /// <summary>One control step: returns the number of channels to request.</summary>
        public int Step(int count, long nowMicroseconds)
        {
            int deadBand = _target / 50;
            if (deadBand < 1)
            {
                deadBand = 1;
            }

            int overshoot = _target + (_limit - _target) / 2;
            if (count >= overshoot)
            {
                _channels = 0;
            }
            else if (count > _target + deadBand)
            {
                if (_channels > 0)
                {
                    _channels--;
                }
            }
            else if (count < _target - deadBand && _channels < _maxChannels
                && (!_hasIncreased || nowMicroseconds - _lastIncrease >= _rampIntervalMicroseconds))
            {
                _channels++;
                _hasIncreased = true;
                _lastIncrease = nowMicroseconds;
            }

            return _channels;
        }
    }
}
