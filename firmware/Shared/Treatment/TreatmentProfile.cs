namespace ChamberFirmware.Core.Treatment
{
    /// <summary>
    /// What the console asks for when it arms a session. Validated against the hard bounds
    /// (Safety.HardLimits) before it is accepted; a rejection names the field.
    /// Integer units throughout: the device has no double-precision FPU.
    /// </summary>
    public sealed class TreatmentProfile
    {
        /// <summary>Nanobot count the closed loop holds the chamber near.</summary>
        public int TargetCount { get; set; }

        /// <summary>Count at which the supervisor cuts (Overcount). At most HardLimits.CountCeiling.</summary>
        public int CountLimit { get; set; }

        /// <summary>Growth-rate limit in per-mille of the count per second (runaway cut above it).</summary>
        public int GrowthLimitPermillePerSecond { get; set; }

        /// <summary>How long the Active phase lasts before the session completes, in milliseconds.</summary>
        public int DurationMilliseconds { get; set; }

        /// <summary>Intensity ramp: at most this many emitter channels switched on per second.</summary>
        public int RampChannelsPerSecond { get; set; }

        /// <summary>At most this many emitter channels on at once (1 to the bank size).</summary>
        public int MaxActiveChannels { get; set; }
    }
}
