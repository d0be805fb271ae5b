namespace ChamberFirmware.Core.Safety
{
    /// <summary>
    /// Compiled-in bounds that no configuration, profile or command can move. Rationale for each
    /// value: docs/safety.md. Integer units (the device has no double-precision FPU).
    /// </summary>
    public static class HardLimits
    {
        /// <summary>Absolute nanobot count ceiling: a profile's CountLimit can only be lower.</summary>
        public const int CountCeiling = 5000000;

        /// <summary>Lowest target a profile may ask for.</summary>
        public const int MinTargetCount = 1000;

        /// <summary>Highest growth-rate limit a profile may set, per-mille of count per second.</summary>
        public const int MaxGrowthLimitPermillePerSecond = 500;

        /// <summary>Lowest growth-rate limit a profile may set (below this a normal ramp would trip).</summary>
        public const int MinGrowthLimitPermillePerSecond = 20;

        public const int MinDurationMilliseconds = 1000;

        /// <summary>Longest Active phase: 30 minutes.</summary>
        public const int MaxDurationMilliseconds = 1800000;

        public const int MaxRampChannelsPerSecond = 8;

        /// <summary>Emitter channels on the board.</summary>
        public const int EmitterChannels = 8;

        public const int LinkTimeoutMinMilliseconds = 50;
        public const int LinkTimeoutMaxMilliseconds = 2000;
        public const int LinkTimeoutDefaultMilliseconds = 250;

        /// <summary>Over-temperature cut can be set lower, never higher than this (0.01 °C).</summary>
        public const int OverTemperatureMaxCentiCelsius = 4300;

        /// <summary>Supervisor period.</summary>
        public const int SupervisorPeriodMilliseconds = 10;
    }
}
