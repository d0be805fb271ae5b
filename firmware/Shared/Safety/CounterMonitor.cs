using ChamberFirmware.Hal.Sensors;

namespace ChamberFirmware.Core.Safety
{
    /// <summary>
    /// The nanobot counter's health and the count it reports: each new read is checked for status,
    /// a sequence number that stops moving, range, a count that repeats too often (a frozen
    /// converter), and an implausible jump; an accepted sample is calibrated and feeds the growth
    /// estimate. The counter is healthy while its latest read was accepted and is fresh. It judges
    /// only the counter: what the count means against the limits is <see cref="Conditions"/>.
    /// </summary>
    public sealed class CounterMonitor
    {
        private readonly GrowthRateEstimator _growth = new GrowthRateEstimator();
        private int _gainPermille = 1000;

        private long _lastRead;
        private bool _seen;
        private long _lastAccepted;
        private bool _acceptedOnce;
        private bool _faulted;
        private bool _hasSequence;
        private int _lastSequence;
        private int _frozenRun;
        private int _count;
        private int _growthRate;
        private bool _hasPreviousSample;
        private int _previousSample;
        private int _goodRun;
        private int _sameCountValue;
        private int _sameCountRun;

        /// <summary>Latest accepted (calibrated) count.</summary>
        public int Count => _count;

        /// <summary>Latest growth estimate, ‰/s (0 until the window is full).</summary>
        public int GrowthPermillePerSecond => _growthRate;

        /// <summary>Gain applied to every raw count (‰).</summary>
        public void ApplySettings(int gainPermille)
        {
            _gainPermille = gainPermille;
        }

        /// <summary>Takes this tick's read if it is a new one (its time moved).</summary>
        public void Ingest(SupervisorInputs inputs)
        {
            if (_seen && inputs.CounterReadMicroseconds == _lastRead)
            {
                return; // no new read since the last tick
            }

            _seen = true;
            _lastRead = inputs.CounterReadMicroseconds;
            SensorReadStatus status = inputs.CounterStatus;
            if (status == SensorReadStatus.NotReady)
            {
                return; // not a fault by itself; freshness catches a part that never gets ready
            }

            if (status != SensorReadStatus.Ok)
            {
                Reject();
                return;
            }

            if (_hasSequence && inputs.CounterSequence == _lastSequence)
            {
                // The part said "new data" but the sequence did not move: a repeat, not a sample.
                _frozenRun++;
                if (_frozenRun > SafetyTiming.FrozenSequenceLimit)
                {
                    Reject();
                }

                return;
            }

            _hasSequence = true;
            _lastSequence = inputs.CounterSequence;
            _frozenRun = 0;

            int raw = inputs.Count;
            if (raw < 0 || raw > SafetyTiming.CounterRangeMaximum)
            {
                Reject();
                return;
            }

            // A frozen counter keeps advancing its sequence with the same count: a live population
            // above the floor never repeats a value FrozenCountSamples times in a row.
            if (_sameCountRun > 0 && raw == _sameCountValue)
            {
                if (_sameCountRun < int.MaxValue)
                {
                    _sameCountRun++;
                }
            }
            else
            {
                _sameCountValue = raw;
                _sameCountRun = 1;
            }

            if (_sameCountRun >= SafetyTiming.FrozenCountSamples && raw >= SafetyTiming.FrozenCountFloor)
            {
                Reject();
                return;
            }

            int calibrated = (int)((long)raw * _gainPermille / 1000);
            // An implausible jump: more than ImplausibleJumpPermille of the previous sample, and more than the floor.
            long step = (long)calibrated - _previousSample;
            if (step < 0)
            {
                step = -step;
            }

            long allowed = (long)_previousSample * SafetyTiming.ImplausibleJumpPermille / 1000;
            if (allowed < SafetyTiming.ImplausibleJumpFloor)
            {
                allowed = SafetyTiming.ImplausibleJumpFloor;
            }

            bool jump = _hasPreviousSample && step > allowed;
            _hasPreviousSample = true;
            _previousSample = calibrated;
            if (jump)
            {
                // Compared with the previous well-formed sample, so a real step is accepted one
                // sample later; the growth window restarts so the step is not read as growth.
                _growth.Reset();
                _growthRate = 0;
                Reject();
                return;
            }

            _count = calibrated;
            _faulted = false;
            _acceptedOnce = true;
            _lastAccepted = inputs.CounterReadMicroseconds;
            _growthRate = _growth.Add(inputs.CounterReadMicroseconds, calibrated);
            if (_goodRun < int.MaxValue)
            {
                _goodRun++;
            }
        }

        /// <summary>
        /// The counter's share of the cut conditions under the given limits: SensorFault while it is
        /// unhealthy, else Overcount and RunawayGrowth. <paramref name="armed"/>: arming or armed,
        /// where a count below SafetyTiming.FrozenCountFloor is a sensor fault too (a frozen
        /// counter cannot be told from a still chamber there).
        /// </summary>
        public CutReasons Conditions(long now, int countLimit, int growthLimit, bool armed)
        {
            // IsHealthy, written out: this runs every tick, and a call costs the interpreter ~10 operations.
            if (!_acceptedOnce || _faulted || now - _lastAccepted > SafetyTiming.CounterFreshnessMicroseconds
                || (armed && _count < SafetyTiming.FrozenCountFloor))
            {
                return CutReasons.SensorFault;
            }

            CutReasons reasons = CutReasons.None;
            if (_count >= countLimit || _count >= HardLimits.CountCeiling)
            {
                reasons |= CutReasons.Overcount;
            }

            // The rate is 0 until the window is full, and every growth limit is positive.
            if (_growthRate > growthLimit)
            {
                reasons |= CutReasons.RunawayGrowth;
            }

            return reasons;
        }

        /// <summary>
        /// What of the counter still blocks a clear: with the counter unhealthy, everything it
        /// judges; else a count at or above <paramref name="rearmCount"/>, growth above half the
        /// limit, and fewer than SafetyTiming.RearmSensorSamples good samples in a row.
        /// </summary>
        public CutReasons ClearBlockers(long now, long rearmCount, int growthLimit)
        {
            if (!IsHealthy(now))
            {
                return CutReasons.Overcount | CutReasons.RunawayGrowth | CutReasons.SensorFault;
            }

            CutReasons blockers = _count >= rearmCount ? CutReasons.Overcount : CutReasons.None;
            if (_growthRate > growthLimit / 2)
            {
                blockers |= CutReasons.RunawayGrowth;
            }

            if (_goodRun < SafetyTiming.RearmSensorSamples)
            {
                blockers |= CutReasons.SensorFault;
            }

            return blockers;
        }

        private bool IsHealthy(long now)
        {
            return _acceptedOnce && !_faulted && now - _lastAccepted <= SafetyTiming.CounterFreshnessMicroseconds;
        }

        private void Reject()
        {
            _faulted = true;
            _goodRun = 0;
        }
    }
}
