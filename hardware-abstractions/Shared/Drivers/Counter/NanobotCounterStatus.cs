namespace ChamberFirmware.Hal.Drivers.Counter
{
    /// <summary>Bits of the counter's Status register.</summary>
    public static class NanobotCounterStatus
    {
        /// <summary>A conversion completed since the measurement block was last read.</summary>
        public const int DataReady = 0x01;

        /// <summary>The population exceeded full scale; the count reads full scale.</summary>
        public const int Overflow = 0x02;

        /// <summary>The counter's internal self-check failed; the count is meaningless.</summary>
        public const int SensorFault = 0x04;

        /// <summary>Bits 3..7 are reserved and read 0 on a working part.</summary>
        public const int ReservedMask = 0xF8;
    }
}
