using System.Linq;
using System;
using System.Collections.Generic;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Safety;

namespace ChamberCtl.Provisioning;

/// <summary>
/// One ChamberSettings field as the technician sees it: its JSON name (the ChamberSettings
/// property), its command-line option, its hard bounds (the firmware's own constants) and unit.
/// </summary>
internal sealed record SettingsFieldInfo(
    SettingsField Field,
    string JsonName,
    string Option,
    int Min,
    int Max,
    string Unit,
    Func<ChamberSettings, int> Get,
    Action<ChamberSettings, int> Set)
{
    public static readonly IReadOnlyList<SettingsFieldInfo> All =
    [
        new(SettingsField.LinkTimeout, nameof(ChamberSettings.LinkTimeoutMilliseconds), "--link-timeout-ms",
            HardLimits.LinkTimeoutMinMilliseconds, HardLimits.LinkTimeoutMaxMilliseconds, "ms",
            s => s.LinkTimeoutMilliseconds, (s, v) => s.LinkTimeoutMilliseconds = v),
        new(SettingsField.OverTemperature, nameof(ChamberSettings.OverTemperatureCentiCelsius), "--over-temperature-centi-c",
            SafetySettingsValidator.OverTemperatureMinCentiCelsius, HardLimits.OverTemperatureMaxCentiCelsius, "0.01 °C",
            s => s.OverTemperatureCentiCelsius, (s, v) => s.OverTemperatureCentiCelsius = v),
        new(SettingsField.RearmCountPermille, nameof(ChamberSettings.RearmCountPermille), "--rearm-count-permille",
            SafetySettingsValidator.RearmCountPermilleMin, SafetySettingsValidator.RearmCountPermilleMax, "‰ of the count limit",
            s => s.RearmCountPermille, (s, v) => s.RearmCountPermille = v),
        new(SettingsField.RearmHeartbeats, nameof(ChamberSettings.RearmHeartbeats), "--rearm-heartbeats",
            SafetySettingsValidator.RearmHeartbeatsMin, SafetySettingsValidator.RearmHeartbeatsMax, "heartbeats",
            s => s.RearmHeartbeats, (s, v) => s.RearmHeartbeats = v),
        new(SettingsField.CounterGain, nameof(ChamberSettings.CounterGainPermille), "--counter-gain-permille",
            SafetySettingsValidator.CounterGainPermilleMin, SafetySettingsValidator.CounterGainPermilleMax, "‰",
            s => s.CounterGainPermille, (s, v) => s.CounterGainPermille = v),
        new(SettingsField.TemperatureOffset, nameof(ChamberSettings.TemperatureOffsetCentiCelsius), "--temperature-offset-centi-c",
            -SafetySettingsValidator.TemperatureOffsetMaxMagnitudeCentiCelsius, SafetySettingsValidator.TemperatureOffsetMaxMagnitudeCentiCelsius, "0.01 °C",
            s => s.TemperatureOffsetCentiCelsius, (s, v) => s.TemperatureOffsetCentiCelsius = v),
    ];

    public static SettingsFieldInfo Of(SettingsField field) =>
        ((IEnumerable<SettingsFieldInfo>)All).FirstOrDefault(f => f.Field == field)
        ?? throw new ArgumentOutOfRangeException(nameof(field), field, "not a settings field");

    /// <summary>"LinkTimeoutMilliseconds (--link-timeout-ms) = 10 is outside its hard bounds 50..2000 ms".</summary>
    public string OutOfBounds(ChamberSettings settings) =>
        JsonName + " (" + Option + ") = " + Get(settings).ToString(System.Globalization.CultureInfo.InvariantCulture)
        + " is outside its hard bounds " + Min.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".."
        + Max.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + Unit;

    /// <summary>The first field whose value differs, or null when all agree.</summary>
    public static SettingsFieldInfo? FirstDifference(ChamberSettings expected, ChamberSettings actual) =>
        ((IEnumerable<SettingsFieldInfo>)All).FirstOrDefault(f => f.Get(expected) != f.Get(actual));
}
