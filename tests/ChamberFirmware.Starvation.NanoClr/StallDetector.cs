using System.Threading;

namespace ChamberFirmware.Starvation
{
    /// <summary>
    /// Separates what the firmware's threads did to the supervisor from what the host did. Every
    /// clock read notes progress (<see cref="RealTimeClock"/>); the firmware and the busy work read
    /// the clock at least every few hundred microseconds while they run. A gap of more than
    /// <see cref="GapThresholdMicroseconds"/> between two notes is time in which no managed thread ran. Such
    /// a gap counts against the host, not the firmware, for the part in which the supervisor was
    /// running or was due (its sleep had ended): the nanoCLR process was descheduled or throttled by
    /// the OS, or the idle interpreter woke late (nanoCLR for Linux wakes an idle interpreter only
    /// every 10 ms: Thread.Sleep(1) to Sleep(10) last ~10.1 ms alone, measured). Any delay while
    /// another thread ran stays the firmware's. The supervisor's tick interval less the host's part
    /// is what the test checks; the raw interval is reported too.
    /// No locks: one interpreter runs one thread at a time; a race at a quantum boundary could only
    /// misplace one measurement.
    /// </summary>
    public sealed class StallDetector
    {
        public const long GapThresholdMicroseconds = 1_000;

        private long _lastNote;
        private long _hostMicroseconds;
        private long _longestHost;
        private long _gapMicroseconds;
        private long _supervisorDueAt;
        private bool _supervisorSleeping;
        private Thread _supervisor;

        /// <summary>Time the supervisor was running or due while nothing ran, in total (only grows).</summary>
        public long HostMicroseconds => _hostMicroseconds;

        /// <summary>Every gap in which no managed thread ran, supervisor or not (only grows): taken out of a measured piece of work before it is stretched.</summary>
        public long GapMicroseconds => _gapMicroseconds;

        /// <summary>The longest single stretch of host time (µs) since <see cref="RestartLongest"/>.</summary>
        public long LongestHostMicroseconds => _longestHost;

        /// <summary>The scenario starts: the longest host stretch counts from now (the cost probes before it had no supervisor thread to judge).</summary>
        public void RestartLongest()
        {
            _longestHost = 0;
        }

        /// <summary>The supervisor loop's thread (its sleeps are watched).</summary>
        public void SetSupervisor(Thread supervisor)
        {
            _supervisor = supervisor;
        }

        public bool IsSupervisor(Thread thread) => thread == _supervisor;

        /// <summary>Something ran at <paramref name="raw"/> (wall-clock µs).</summary>
        public void Note(long raw)
        {
            long from = _lastNote;
            if (raw - from > GapThresholdMicroseconds && from > 0)
            {
                _gapMicroseconds += raw - from;
                if (_supervisorSleeping && _supervisorDueAt > from)
                {
                    from = _supervisorDueAt;
                }

                if (raw > from)
                {
                    _hostMicroseconds += raw - from;
                    if (raw - from > _longestHost)
                    {
                        _longestHost = raw - from;
                    }
                }
            }

            if (raw > _lastNote)
            {
                _lastNote = raw;
            }
        }

        /// <summary>The supervisor sleeps until <paramref name="dueRaw"/>.</summary>
        public void SupervisorSleeps(long raw, long dueRaw)
        {
            Note(raw);
            _supervisorDueAt = dueRaw;
            _supervisorSleeping = true;
        }

        public void SupervisorWakes(long raw)
        {
            Note(raw);
            _supervisorSleeping = false;
        }
    }
}
