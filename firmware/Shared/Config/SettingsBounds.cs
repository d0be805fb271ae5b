using ChamberFirmware.Core.Safety;

namespace ChamberFirmware.Core.Config
{
    /// <summary>
    /// The range each ChamberSettings field may take. Link timeout and the over-temperature ceiling
    /// come from Safety.HardLimits; the other bounds are sanity bounds for stored configuration
    /// (kept here until the safety owner moves them into HardLimits). The direction that matters:
    /// a counter gain far below 1000 would hide a runaway count, so the low gain bound is tight.
    /// </summary>
    public static class SettingsBounds
    {
        /// <summary>Below 30.00 °C the chamber could never run at mouth temperature: a typo, not a setting.</summary>
        public const int OverTemperatureMinCentiCelsius = 3000;

        public const int RearmCountPermilleMin = 1;

        /// <summary>A clear near the count limit would re-arm a chamber that is still near runaway.</summary>
        public const int RearmCountPermilleMax = 900;

        public const int RearmHeartbeatsMin = 1;
        public const int RearmHeartbeatsMax = 100;

        /// <summary>Under-reading by more than 10 % would delay the overcount cut.</summary>
        public const int CounterGainPermilleMin = 900;
        public const int CounterGainPermilleMax = 1250;

        public const int TemperatureOffsetMinCentiCelsius = -500;
        public const int TemperatureOffsetMaxCentiCelsius = 500;

        /// <summary>The first field out of bounds, or SettingsField.None when all are acceptable.</summary>
        public static SettingsField FirstViolation(ChamberSettings settings)
        {
            if (settings.LinkTimeoutMilliseconds < HardLimits.LinkTimeoutMinMilliseconds
                || settings.LinkTimeoutMilliseconds > HardLimits.LinkTimeoutMaxMilliseconds)
            {
                return SettingsField.LinkTimeout;
            }

            if (settings.OverTemperatureCentiCelsius < OverTemperatureMinCentiCelsius
                || settings.OverTemperatureCentiCelsius > HardLimits.OverTemperatureMaxCentiCelsius)
            {
                return SettingsField.OverTemperature;
            }

            if (settings.RearmCountPermille < RearmCountPermilleMin || settings.RearmCountPermille > RearmCountPermilleMax)
            {
                return SettingsField.RearmCountPermille;
            }

            if (settings.RearmHeartbeats < RearmHeartbeatsMin || settings.RearmHeartbeats > RearmHeartbeatsMax)
            {
                return SettingsField.RearmHeartbeats;
            }

            if (settings.CounterGainPermille < CounterGainPermilleMin || settings.CounterGainPermille > CounterGainPermilleMax)
            {
                return SettingsField.CounterGain;
            }

            if (settings.TemperatureOffsetCentiCelsius < TemperatureOffsetMinCentiCelsius
                || settings.TemperatureOffsetCentiCelsius > TemperatureOffsetMaxCentiCelsius)
            {
                return SettingsField.TemperatureOffset;
            }

            return SettingsField.None;
        }
    }
}
