namespace ChamberFirmware.Core.Safety
{
    /// <summary>
    /// The console link as the supervisor sees it: authenticated heartbeats from the bound console
    /// (the link layer filters) and transport drops. The link is lost before the first heartbeat,
    /// after a drop, and when the last heartbeat is older than the link timeout. A clear needs the
    /// link up with RearmHeartbeats consecutive heartbeats, none more than the timeout apart.
    /// </summary>
    public sealed class LinkMonitor
    {
        private long _timeout;
        private int _rearmHeartbeats;
        private bool _heartbeatSeen;
        private bool _linkDown;
        private long _lastHeartbeat;
        private int _consecutiveHeartbeats;
        private int _ageMilliseconds = int.MaxValue;

        /// <summary>Link timeout in force, microseconds.</summary>
        public long TimeoutMicroseconds => _timeout;

        /// <summary>Age of the last heartbeat at the latest tick, ms (int.MaxValue: none yet).</summary>
        public int AgeMilliseconds => _ageMilliseconds;

        public void ApplySettings(int timeoutMilliseconds, int rearmHeartbeats)
        {
            _timeout = timeoutMilliseconds * 1000L;
            _rearmHeartbeats = rearmHeartbeats;
        }

        public void OnHeartbeat(long now)
        {
            bool continuous = _heartbeatSeen && !_linkDown && now - _lastHeartbeat <= _timeout;
            _consecutiveHeartbeats = continuous ? _consecutiveHeartbeats + 1 : 1;
            _heartbeatSeen = true;
            _linkDown = false;
            _lastHeartbeat = now;
        }

        /// <summary>The transport dropped: lost at once, and the run of heartbeats starts again.</summary>
        public void OnLinkDown()
        {
            _linkDown = true;
            _consecutiveHeartbeats = 0;
        }

        /// <summary>Once per tick: the age for reports; a gap longer than the timeout ends the run of heartbeats.</summary>
        public void Tick(long now)
        {
            if (!_heartbeatSeen)
            {
                _ageMilliseconds = int.MaxValue;
                return;
            }

            long age = now - _lastHeartbeat;
            if (age < 0)
            {
                age = 0; // heartbeat stamped on another thread just after this tick's clock read
            }

            if (age > _timeout)
            {
                _consecutiveHeartbeats = 0;
            }

            long ageMilliseconds = age / 1000;
            _ageMilliseconds = ageMilliseconds > int.MaxValue ? int.MaxValue : (int)ageMilliseconds;
        }

        /// <summary>LinkLost while the link is lost.</summary>
        public CutReasons Conditions(long now)
        {
            // IsLost, written out: this runs every tick, and a call costs the interpreter ~10 operations.
            return !_heartbeatSeen || _linkDown || now - _lastHeartbeat > _timeout ? CutReasons.LinkLost : CutReasons.None;
        }

        /// <summary>LinkLost until the link is up with enough consecutive heartbeats.</summary>
        public CutReasons ClearBlockers(long now)
        {
            return IsLost(now) || _consecutiveHeartbeats < _rearmHeartbeats ? CutReasons.LinkLost : CutReasons.None;
        }

        private bool IsLost(long now)
        {
            return !_heartbeatSeen || _linkDown || now - _lastHeartbeat > _timeout;
        }
    }
}
