namespace ChamberFirmware.Core.Safety
{
    /// <summary>
    /// Emitter leases (Klipper's max_duration): a request names the channels wanted and how long
    /// they may stay on; each request replaces the previous one, so one mask and one expiry say
    /// everything. A channel is on only while its lease runs; nothing keeps it on by default.
    /// </summary>
    public sealed class LeaseTable
    {
        private int _mask;
        private long _expiry;

        /// <summary>Replaces the lease: <paramref name="mask"/> stays on until now + lease.</summary>
        public void Grant(int mask, int leaseMilliseconds, long now)
        {
            _mask = mask;
            _expiry = now + leaseMilliseconds * 1000L;
        }

        /// <summary>Channels whose lease still runs at <paramref name="now"/>.</summary>
        public int ActiveMask(long now)
        {
            return _expiry > now ? _mask : 0;
        }

        /// <summary>Every lease ends now (a cut, a disarm, a clear).</summary>
        public void Clear()
        {
            _mask = 0;
            _expiry = 0;
        }

        /// <summary>Number of channels in a mask.</summary>
        public static int BitCount(int mask)
        {
            int count = 0;
            while (mask != 0)
            {
                mask &= mask - 1;
                count++;
            }

            return count;
        }
    }
}
