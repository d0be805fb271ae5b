using System;
using System.Collections.Generic;
using System.Globalization;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Core.Link;

namespace ChamberFirmware.DiagnosticsBridge;

/// <summary>
/// Words for the raw codes of the diagnostics payloads, for people: reject reasons by name, "no
/// heartbeat yet" instead of a sentinel age, emitter masks as channel lists, a factory-fresh
/// start-up as "not provisioned". Mirrored by tools/field-diagnostics/decoder.js (same words).
/// </summary>
public static class ReadableCodes
{
    public const string NoHeartbeatYet = "no heartbeat yet";

    /// <summary>A link reject reason counter slot by its LinkRejectReason name.</summary>
    public static string LinkRejectReason(int value) =>
        value is >= 0 and < (int)Core.Link.LinkRejectReason.Count
            ? ((LinkRejectReason)value).ToString()
            : "reason " + value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Telemetry link age (u16): 65535 is "no heartbeat yet", a real age saturates at 65534.</summary>
    public static string TelemetryLinkAge(int milliseconds) => milliseconds switch
    {
        DiagnosticsPayloads.TelemetryNoHeartbeat => NoHeartbeatYet,
        DiagnosticsPayloads.TelemetryNoHeartbeat - 1 => "≥ 65.5 s",
        _ => milliseconds.ToString(CultureInfo.InvariantCulture) + " ms",
    };

    /// <summary>Event-record and link status age (i32): int.MaxValue is "no heartbeat yet".</summary>
    public static string LinkAge(int milliseconds) =>
        milliseconds == DiagnosticsPayloads.EventNoHeartbeat ? NoHeartbeatYet : milliseconds.ToString(CultureInfo.InvariantCulture) + " ms";

    /// <summary>The channels of an emitter mask, lowest first ("0, 1, 3"), or "none".</summary>
    public static string EmitterChannels(int mask)
    {
        var channels = new List<string>();
        for (int bit = 0; bit < 16; bit++)
        {
            if ((mask & (1 << bit)) != 0)
            {
                channels.Add(bit.ToString(CultureInfo.InvariantCulture));
            }
        }

        return channels.Count == 0 ? "none" : string.Join(", ", channels);
    }

    /// <summary>
    /// The reasons of an event record. A Reset carries ConfigurationInvalid when the board cannot arm
    /// (no link key or configuration: factory-fresh); a corrupt store logs its own ConfigChange event.
    /// </summary>
    public static string EventReasons(string kind, IReadOnlyList<string> reasons)
    {
        if (reasons.Count == 0)
        {
            return "none";
        }

        if (kind == nameof(DiagnosticsEventKind.Reset) && reasons.Count == 1 && reasons[0] == "ConfigurationInvalid")
        {
            return "not provisioned";
        }

        return string.Join(", ", reasons);
    }

    /// <summary>A Reset is logged at start-up before the first sensor read: its count and temperature are not readings.</summary>
    public static bool HasReadings(string kind) => kind != nameof(DiagnosticsEventKind.Reset);
}
