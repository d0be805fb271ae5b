using System;
using System.Globalization;
using System.Text.Json.Nodes;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;

namespace ChamberFirmware.DiagnosticsBridge;

/// <summary>
/// The canonical JSON form of decoded payloads (docs/ble-gatt.md, "JSON form"): used by
/// <c>chamberctl diag decode --json</c>, by the golden files' "decoded" objects, and mirrored
/// field for field by tools/field-diagnostics/decoder.js.
/// </summary>
public static class DiagnosticsJson
{
    public static readonly string[] Kinds = { "status", "counters", "events", "telemetry", "identity" };

    /// <summary>Decodes <paramref name="payload"/> as <paramref name="kind"/>; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static JsonObject Decode(string kind, byte[] payload)
    {
        var result = TryDecode(kind, payload, out var json);
        if (result != PayloadDecodeResult.Ok)
        {
            throw new FormatException($"{kind} payload of {payload.Length} bytes: {ErrorText(result)}");
        }

        return json!;
    }

    /// <summary>Decodes without throwing on bad payload bytes (an unknown kind still throws).</summary>
    public static PayloadDecodeResult TryDecode(string kind, byte[] payload, out JsonObject? json)
    {
        ArgumentNullException.ThrowIfNull(payload);
        PayloadDecodeResult result;
        json = null;
        switch (kind)
        {
            case "status":
                var status = new StatusPayload();
                result = DiagnosticsPayloads.DecodeStatus(payload, 0, payload.Length, status);
                if (result == PayloadDecodeResult.Ok)
                {
                    json = Status(status);
                }

                break;
            case "counters":
                var counters = new CountersPayload();
                result = DiagnosticsPayloads.DecodeCounters(payload, 0, payload.Length, counters);
                if (result == PayloadDecodeResult.Ok)
                {
                    json = Counters(counters);
                }

                break;
            case "events":
                var page = new EventLogPage();
                result = DiagnosticsPayloads.DecodeEventPage(payload, 0, payload.Length, page);
                if (result == PayloadDecodeResult.Ok)
                {
                    json = Events(page);
                }

                break;
            case "telemetry":
                var telemetry = new TelemetryPayload();
                result = DiagnosticsPayloads.DecodeTelemetry(payload, 0, payload.Length, telemetry);
                if (result == PayloadDecodeResult.Ok)
                {
                    json = Telemetry(telemetry);
                }

                break;
            case "identity":
                var identity = new DiagnosticsIdentity();
                result = DiagnosticsPayloads.DecodeIdentity(payload, 0, payload.Length, identity);
                if (result == PayloadDecodeResult.Ok)
                {
                    json = Identity(identity);
                }

                break;
            default:
                throw new FormatException($"unknown payload kind '{kind}' (expected one of: {string.Join(", ", Kinds)})");
        }

        return result;
    }

    /// <summary>The error code shared with decoder.js and the golden invalid vectors.</summary>
    public static string ErrorCode(PayloadDecodeResult result) => result switch
    {
        PayloadDecodeResult.Ok => "ok",
        PayloadDecodeResult.Empty => "empty",
        PayloadDecodeResult.UnsupportedVersion => "unsupportedVersion",
        PayloadDecodeResult.WrongLength => "wrongLength",
        PayloadDecodeResult.InvalidValue => "invalidValue",
        _ => result.ToString(),
    };

    /// <summary>The payload kind of a bridge characteristic id ("events" for every event window).</summary>
    public static string KindOf(int characteristic) => characteristic switch
    {
        DiagnosticsCharacteristic.Status => "status",
        DiagnosticsCharacteristic.Counters => "counters",
        DiagnosticsCharacteristic.Telemetry => "telemetry",
        DiagnosticsCharacteristic.Identity => "identity",
        _ when DiagnosticsCharacteristic.IsEventWindow(characteristic) => "events",
        _ => throw new FormatException($"unknown characteristic id 0x{characteristic:x2}"),
    };

    public static string ErrorText(PayloadDecodeResult result) => result switch
    {
        PayloadDecodeResult.Empty => "empty payload",
        PayloadDecodeResult.UnsupportedVersion => "unsupported format version",
        PayloadDecodeResult.WrongLength => "wrong length",
        PayloadDecodeResult.InvalidValue => "invalid field value",
        _ => result.ToString(),
    };

    public static JsonObject Status(StatusPayload s) => new()
    {
        ["version"] = DiagnosticsPayloads.FormatVersion,
        ["state"] = s.State.ToString(),
        ["stateValue"] = (int)s.State,
        ["provisioned"] = s.Provisioned,
        ["latchedReasons"] = Reasons(s.LatchedReasons),
        ["latchedReasonsValue"] = (int)s.LatchedReasons,
        ["lastCutReasons"] = Reasons(s.LastCutReasons),
        ["lastCutReasonsValue"] = (int)s.LastCutReasons,
        ["uptimeMicroseconds"] = s.UptimeMicroseconds,
        ["remainingMilliseconds"] = s.RemainingMilliseconds,
        ["countLimit"] = s.CountLimit,
        ["targetCount"] = s.TargetCount,
    };

    public static JsonObject Counters(CountersPayload c) => new()
    {
        ["version"] = DiagnosticsPayloads.FormatVersion,
        ["sessions"] = c.Sessions,
        ["linkLosses"] = c.LinkLosses,
        ["resets"] = c.Resets,
        ["cutsByReasonBit"] = Numbers(c.CutsByReasonBit),
        ["sensorErrorsByStatus"] = Numbers(c.SensorErrorsByStatus),
        ["linkRejectsByReason"] = Numbers(c.LinkRejectsByReason),
    };

    public static JsonObject Events(EventLogPage page)
    {
        var records = new JsonArray();
        for (int i = 0; i < page.RecordCount; i++)
        {
            var r = page.Records[i];
            records.Add(new JsonObject
            {
                ["sequence"] = r.Sequence,
                ["timeMicroseconds"] = r.TimeMicroseconds,
                ["kind"] = KindName(r.Kind),
                ["kindValue"] = (int)r.Kind,
                ["state"] = r.State.ToString(),
                ["stateValue"] = (int)r.State,
                ["reasons"] = Reasons(r.Reasons),
                ["reasonsValue"] = (int)r.Reasons,
                ["count"] = r.Count,
                ["growthPermillePerSecond"] = r.GrowthPermillePerSecond,
                ["linkAgeMilliseconds"] = r.LinkAgeMilliseconds,
                ["temperatureCentiCelsius"] = r.TemperatureCentiCelsius,
                ["emitterMask"] = r.EmitterMask,
            });
        }

        return new JsonObject
        {
            ["version"] = DiagnosticsPayloads.FormatVersion,
            ["window"] = page.Window,
            ["oldestSequence"] = page.OldestSequence,
            ["nextSequence"] = page.NextSequence,
            ["records"] = records,
        };
    }

    public static JsonObject Telemetry(TelemetryPayload t) => new()
    {
        ["version"] = DiagnosticsPayloads.FormatVersion,
        ["state"] = t.State.ToString(),
        ["stateValue"] = (int)t.State,
        ["activeEmitterMask"] = t.ActiveEmitterMask,
        ["uptimeMilliseconds"] = t.UptimeMilliseconds,
        ["count"] = t.Count,
        ["growthPermillePerSecond"] = t.GrowthPermillePerSecond,
        ["linkAgeMilliseconds"] = t.LinkAgeMilliseconds,
        ["temperatureCentiCelsius"] = t.TemperatureCentiCelsius,
    };

    public static JsonObject Identity(DiagnosticsIdentity i) => new()
    {
        ["version"] = DiagnosticsPayloads.FormatVersion,
        ["manufacturer"] = i.Manufacturer,
        ["model"] = i.Model,
        ["serialNumber"] = i.SerialNumber,
        ["hardwareRevision"] = i.HardwareRevision,
        ["firmwareRevision"] = i.FirmwareRevision,
        ["softwareRevision"] = i.SoftwareRevision,
    };

    /// <summary>Names of the set CutReasons bits, lowest first; undefined bits as "bitN".</summary>
    public static JsonArray Reasons(CutReasons reasons)
    {
        var names = new JsonArray();
        for (int bit = 0; bit < 16; bit++)
        {
            var flag = (CutReasons)(1 << bit);
            if ((reasons & flag) != 0)
            {
                names.Add(Enum.IsDefined(flag) ? flag.ToString() : "bit" + bit.ToString(CultureInfo.InvariantCulture));
            }
        }

        return names;
    }

    public static string KindName(DiagnosticsEventKind kind) =>
        Enum.IsDefined(kind) ? kind.ToString() : "kind" + ((int)kind).ToString(CultureInfo.InvariantCulture);

    private static JsonArray Numbers(uint[] values)
    {
        var array = new JsonArray();
        foreach (var v in values)
        {
            array.Add(v);
        }

        return array;
    }

    /// <summary>Lower-case hex of <paramref name="bytes"/>.</summary>
    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>Parses hex text, ignoring whitespace, ':' and '-' separators and an optional 0x prefix.</summary>
    public static byte[] ParseHex(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[2..];
        }

        var digits = new System.Text.StringBuilder(trimmed.Length);
        foreach (var c in trimmed)
        {
            if (char.IsWhiteSpace(c) || c == ':' || c == '-')
            {
                continue;
            }

            if (!Uri.IsHexDigit(c))
            {
                throw new FormatException($"'{c}' is not a hex digit");
            }

            digits.Append(c);
        }

        if (digits.Length % 2 != 0)
        {
            throw new FormatException($"odd number of hex digits ({digits.Length})");
        }

        return Convert.FromHexString(digits.ToString());
    }
}
