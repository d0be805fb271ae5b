namespace ChamberFirmware.Hal.Drivers.Counter
{
    /// <summary>
    /// One counter reading, owned and reused by the caller (no allocation per read). Filled only
    /// by a read that returns Ok; left as it was otherwise.
    /// </summary>
    public sealed class NanobotCountSample
    {
        /// <summary>Nanobots counted, 0..FullScaleCount.</summary>
        public int Count { get; set; }

        /// <summary>The part's sequence number (0..255): the supervisor detects a frozen counter by it.</summary>
        public int SequenceNumber { get; set; }

        /// <summary>The raw Status byte of this reading.</summary>
        public int StatusBits { get; set; }

        /// <summary>Monotonic time the reading completed, µs: the supervisor judges staleness by it.</summary>
        public long ReadTimeMicroseconds { get; set; }
    }
}
