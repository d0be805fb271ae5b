using ChamberFirmware.Core.Config;

namespace ChamberFirmware.Core.Safety
{
    /// <summary>
    /// Bounds for ChamberSettings that no console can move. Provisioning (StageSettings) and the
    /// treatment controller (ApplySettings) use the same check. Rationale: docs/safety.md.
    /// </summary>
    public static class SafetySettingsValidator
    {
        /// <summary>Below 25 °C the chamber could not run at mouth temperature at all.</summary>
        public const int OverTemperatureMinCentiCelsius = 2500;

        public const int RearmCountPermilleMin = 100;
        public const int RearmCountPermilleMax = 900;

        public const int RearmHeartbeatsMin = 2;
        public const int RearmHeartbeatsMax = 50;

        /// <summary>±10 %: a larger gain error would let the true count pass the limit unseen.</summary>
        public const int CounterGainPermilleMin = 900;
        public const int CounterGainPermilleMax = 1100;

        /// <summary>±5 °C of temperature calibration.</summary>
        public const int TemperatureOffsetMaxMagnitudeCentiCelsius = 500;

        /// <summary>True when every field is within its hard bounds; otherwise names the first bad field.</summary>
        public static bool Validate(ChamberSettings settings, out SettingsField rejectedField)
        {
            rejectedField = SettingsField.None;
            if (settings == null)
            {
                // No settings at all: reject on the first field rather than throw.
                rejectedField = SettingsField.LinkTimeout;
                return false;
            }

            if (settings.LinkTimeoutMilliseconds < HardLimits.LinkTimeoutMinMilliseconds
                || settings.LinkTimeoutMilliseconds > HardLimits.LinkTimeoutMaxMilliseconds)
            {
                rejectedField = SettingsField.LinkTimeout;
                return false;
            }

            if (settings.OverTemperatureCentiCelsius < OverTemperatureMinCentiCelsius
                || settings.OverTemperatureCentiCelsius > HardLimits.OverTemperatureMaxCentiCelsius)
            {
                rejectedField = SettingsField.OverTemperature;
                return false;
            }

            if (settings.RearmCountPermille < RearmCountPermilleMin || settings.RearmCountPermille > RearmCountPermilleMax)
            {
                rejectedField = SettingsField.RearmCountPermille;
                return false;
            }

            if (settings.RearmHeartbeats < RearmHeartbeatsMin || settings.RearmHeartbeats > RearmHeartbeatsMax)
            {
                rejectedField = SettingsField.RearmHeartbeats;
                return false;
            }

            if (settings.CounterGainPermille < CounterGainPermilleMin || settings.CounterGainPermille > CounterGainPermilleMax)
            {
                rejectedField = SettingsField.CounterGain;
                return false;
            }

            if (settings.TemperatureOffsetCentiCelsius < -TemperatureOffsetMaxMagnitudeCentiCelsius
                || settings.TemperatureOffsetCentiCelsius > TemperatureOffsetMaxMagnitudeCentiCelsius)
            {
                rejectedField = SettingsField.TemperatureOffset;
                return false;
            }

            return true;
        }
    }
}
