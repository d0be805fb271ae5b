namespace ChamberFirmware.Hal.Drivers.Counter
{
    /// <summary>Fixed figures of the NC24 counter from its datasheet (docs/hardware.md).</summary>
    public static class NanobotCounterIdentity
    {
        public const int DeviceId = 0x4E43;

        /// <summary>Highest count the part reports; above it the Overflow bit is set.</summary>
        public const int FullScaleCount = 10000000;

        /// <summary>Control register value for continuous conversion.</summary>
        public const byte ControlRun = 0x01;

        /// <summary>Unit of the ConversionTime register.</summary>
        public const int ConversionTimeUnitMicroseconds = 100;

        /// <summary>Length of the measurement block read in one transfer.</summary>
        public const int MeasurementBlockLength = 6;
    }
}
