namespace ChamberFirmware.Starvation
{
    /// <summary>
    /// The longest time between two watchdog check-ins of one loop during the scenario, on the
    /// clock the supervisor's channels read: it names the loop behind a WatchdogChannel cut (the
    /// supervisor latches the reason, not the channel). Noted by the loop's thread, stopped by the
    /// run's; no lock, as in StallDetector: a race at a quantum boundary could misplace one gap.
    /// </summary>
    public sealed class CheckInGaps
    {
        private readonly RealTimeClock _clock;
        private long _last = -1;
        private long _longest;
        private long _longestEndedAt;
        private bool _stopped;

        public CheckInGaps(RealTimeClock clock)
        {
            _clock = clock;
        }

        /// <summary>The longest gap (µs), including the one still open when <see cref="Stop"/> was called.</summary>
        public long Longest => _longest;

        /// <summary>When the longest gap ended (the clock's µs).</summary>
        public long LongestEndedAt => _longestEndedAt;

        /// <summary>The loop checked in (or is about to, within its period).</summary>
        public void Note()
        {
            if (!_stopped)
            {
                Gap(_clock.NowMicroseconds);
            }
        }

        /// <summary>The scenario ended: the gap since the last check-in counts, later ones do not.</summary>
        public void Stop()
        {
            if (!_stopped)
            {
                Gap(_clock.NowMicroseconds);
                _stopped = true;
            }
        }

        private void Gap(long now)
        {
            if (_last >= 0 && now - _last > _longest)
            {
                _longest = now - _last;
                _longestEndedAt = now;
            }

            _last = now;
        }
    }
}
