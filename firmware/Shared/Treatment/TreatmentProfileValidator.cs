using ChamberFirmware.Core.Safety;

namespace ChamberFirmware.Core.Treatment
{
    /// <summary>
    /// Checks a treatment profile against the compiled-in hard bounds. A rejection names the field
    /// and gives a constant reason text (no allocation). Rationale for the bounds: docs/safety.md.
    /// </summary>
    public static class TreatmentProfileValidator
    {
        /// <summary>The target may be at most this per-mille of the count limit: room for noise and overshoot.</summary>
        public const int MaxTargetPermilleOfLimit = 900;

        public const string MissingProfile = "no profile";
        public const string CountLimitOutOfBounds = "count limit must be above the minimum target and at most the hard count ceiling";
        public const string TargetOutOfBounds = "target must be at least the minimum target and at most 90% of the count limit";
        public const string GrowthLimitOutOfBounds = "growth limit outside the hard bounds (20..500 per-mille per second)";
        public const string DurationOutOfBounds = "duration outside 1 s .. 30 min";
        public const string RampOutOfBounds = "ramp must be 1..8 channels per second";
        public const string ChannelsOutOfBounds = "max active channels must be 1..8";

        public static bool Validate(TreatmentProfile profile, out ProfileField rejectedField, out string reason)
        {
            rejectedField = ProfileField.None;
            reason = null;
            if (profile == null)
            {
                reason = MissingProfile;
                return false;
            }

            if (profile.CountLimit <= HardLimits.MinTargetCount || profile.CountLimit > HardLimits.CountCeiling)
            {
                rejectedField = ProfileField.CountLimit;
                reason = CountLimitOutOfBounds;
                return false;
            }

            if (profile.TargetCount < HardLimits.MinTargetCount
                || (long)profile.TargetCount * 1000 > (long)profile.CountLimit * MaxTargetPermilleOfLimit)
            {
                rejectedField = ProfileField.TargetCount;
                reason = TargetOutOfBounds;
                return false;
            }

            if (profile.GrowthLimitPermillePerSecond < HardLimits.MinGrowthLimitPermillePerSecond
                || profile.GrowthLimitPermillePerSecond > HardLimits.MaxGrowthLimitPermillePerSecond)
            {
                rejectedField = ProfileField.GrowthLimit;
                reason = GrowthLimitOutOfBounds;
                return false;
            }

            if (profile.DurationMilliseconds < HardLimits.MinDurationMilliseconds
                || profile.DurationMilliseconds > HardLimits.MaxDurationMilliseconds)
            {
                rejectedField = ProfileField.Duration;
                reason = DurationOutOfBounds;
                return false;
            }

            if (profile.RampChannelsPerSecond < 1 || profile.RampChannelsPerSecond > HardLimits.MaxRampChannelsPerSecond)
            {
                rejectedField = ProfileField.RampRate;
                reason = RampOutOfBounds;
                return false;
            }

            if (profile.MaxActiveChannels < 1 || profile.MaxActiveChannels > HardLimits.EmitterChannels)
            {
                rejectedField = ProfileField.MaxActiveChannels;
                reason = ChannelsOutOfBounds;
                return false;
            }

            return true;
        }
    }
}
