namespace ChamberFirmware.Core.Safety
{
    /// <summary>
    /// One watchdog channel per loop, as Zephyr's task_wdt: each loop checks in on its own channel,
    /// and the supervisor feeds the keep-alive only while every channel checked in within its
    /// timeout. A channel that never checked in is unhealthy.
    /// </summary>
    public sealed class WatchdogChannels
    {
        public const int ChannelCount = 3;

        private readonly long[] _last = new long[ChannelCount];
        private readonly long[] _timeout = new long[ChannelCount];
        private readonly bool[] _seen = new bool[ChannelCount];

        public WatchdogChannels()
        {
            _timeout[(int)WatchdogChannel.ControlLoop] = SafetyTiming.ControlLoopTimeoutMilliseconds * 1000L;
            _timeout[(int)WatchdogChannel.SensorLoop] = SafetyTiming.SensorLoopTimeoutMilliseconds * 1000L;
            _timeout[(int)WatchdogChannel.LinkLoop] = SafetyTiming.LinkLoopTimeoutMilliseconds * 1000L;
        }

        /// <summary>A loop reports that it is alive; an unknown channel is ignored.</summary>
        public void CheckIn(WatchdogChannel channel, long now)
        {
            int index = (int)channel;
            if (index < 0 || index >= ChannelCount)
            {
                return;
            }

            _last[index] = now;
            _seen[index] = true;
        }

        /// <summary>WatchdogChannel when any channel is silent past its timeout (or never checked in).</summary>
        public CutReasons Conditions(long now)
        {
            for (int i = 0; i < ChannelCount; i++)
            {
                if (!_seen[i] || now - _last[i] > _timeout[i])
                {
                    return CutReasons.WatchdogChannel;
                }
            }

            return CutReasons.None;
        }
    }
}
