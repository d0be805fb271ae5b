using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;

namespace ChamberFirmware.DiagnosticsBridge;

/// <summary>Readable text for decoded payloads (the JSON form of <see cref="DiagnosticsJson"/>).</summary>
public static class DiagnosticsTextReport
{
    private static readonly string[] SensorStatuses =
        { "Ok", "NotReady", "AddressNotAcknowledged", "ClockStretchTimeout", "PartialTransfer", "BusError", "CrcMismatch", "OutOfRange", "InvalidData" };

    public static string Render(string kind, JsonObject d)
    {
        var s = new StringBuilder();
        switch (kind)
        {
            case "identity":
                Line(s, "manufacturer", d["manufacturer"]);
                Line(s, "model", d["model"]);
                Line(s, "serial number", d["serialNumber"]);
                Line(s, "hardware revision", d["hardwareRevision"]);
                Line(s, "firmware revision", d["firmwareRevision"]);
                Line(s, "software revision", d["softwareRevision"]);
                break;
            case "status":
                Line(s, "state", d["state"]);
                Line(s, "latched cut reasons", Names(d["latchedReasons"]));
                Line(s, "last cut reasons", Names(d["lastCutReasons"]));
                Line(s, "uptime", Uptime(d["uptimeMicroseconds"]!.GetValue<long>()));
                Line(s, "remaining", Inv($"{d["remainingMilliseconds"]!.GetValue<int>() / 1000.0:0.0} s"));
                Line(s, "count limit", d["countLimit"]);
                Line(s, "target count", d["targetCount"]);
                Line(s, "provisioned", d["provisioned"]!.GetValue<bool>() ? "yes" : "no");
                break;
            case "telemetry":
                Line(s, "state", d["state"]);
                Line(s, "count", d["count"]);
                Line(s, "growth", Inv($"{d["growthPermillePerSecond"]} per-mille/s"));
                Line(s, "active emitters", ReadableCodes.EmitterChannels(d["activeEmitterMask"]!.GetValue<int>()));
                Line(s, "link age", ReadableCodes.TelemetryLinkAge(d["linkAgeMilliseconds"]!.GetValue<int>()));
                Line(s, "temperature", Inv($"{d["temperatureCentiCelsius"]!.GetValue<int>() / 100.0:0.00} °C"));
                Line(s, "uptime", Inv($"{d["uptimeMilliseconds"]} ms"));
                break;
            case "counters":
                Line(s, "sessions", d["sessions"]);
                Line(s, "link losses", d["linkLosses"]);
                Line(s, "resets", d["resets"]);
                var reasonNames = new[] { "Overcount", "RunawayGrowth", "SensorFault", "LinkLost", "EmitterMismatch", "OverTemperature", "SupervisorOverrun", "WatchdogChannel", "SelfTestFailed", "ConfigurationInvalid" };
                NonZero(s, d["cutsByReasonBit"]!.AsArray(), i => "cuts: " + (i < reasonNames.Length ? reasonNames[i] : "bit " + i.ToString(CultureInfo.InvariantCulture)));
                NonZero(s, d["sensorErrorsByStatus"]!.AsArray(), i => "sensor errors: " + (i < SensorStatuses.Length ? SensorStatuses[i] : "status " + i.ToString(CultureInfo.InvariantCulture)));
                NonZero(s, d["linkRejectsByReason"]!.AsArray(), i => "rejected link frames: " + ReadableCodes.LinkRejectReason(i));
                break;
            case "events":
                s.AppendLine(Inv($"window {d["window"]}, log holds sequence {d["oldestSequence"]} to {d["nextSequence"]!.GetValue<uint>() - 1}"));
                s.Append(Events(d["records"]!.AsArray()));
                break;
        }

        return s.ToString();
    }

    public static string Events(JsonArray records)
    {
        var s = new StringBuilder();
        s.AppendLine(Inv($"{"#",5}  {"uptime",-12} {"event",-13} {"state",-9} {"count",10} {"growth",7} {"link age",16} {"temp °C",8}  {"emitters",-15}  reasons"));
        foreach (var r in records)
        {
            string kind = r!["kind"]!.GetValue<string>();
            bool readings = ReadableCodes.HasReadings(kind);
            string count = readings ? r["count"]!.ToString() : "—";
            string temperature = readings ? Inv($"{r["temperatureCentiCelsius"]!.GetValue<int>() / 100.0:0.00}") : "—";
            var reasons = r["reasons"]!.AsArray().Select(n => n!.GetValue<string>()).ToArray();
            s.AppendLine(Inv($"{r["sequence"],5}  {Uptime(r["timeMicroseconds"]!.GetValue<long>()),-12} {kind,-13} {r["state"],-9} {count,10} {r["growthPermillePerSecond"],7} {ReadableCodes.LinkAge(r["linkAgeMilliseconds"]!.GetValue<int>()),16} {temperature,8}  {ReadableCodes.EmitterChannels(r["emitterMask"]!.GetValue<int>()),-15}  {ReadableCodes.EventReasons(kind, reasons)}"));
        }

        return s.ToString();
    }

    public static string Uptime(long microseconds)
    {
        long seconds = microseconds / 1_000_000;
        return Inv($"{seconds / 3600}h{seconds % 3600 / 60:00}m{seconds % 60:00}s");
    }

    private static string Names(JsonNode? reasons)
    {
        var names = reasons!.AsArray().Select(n => n!.GetValue<string>()).ToArray();
        return names.Length == 0 ? "none" : string.Join(", ", names);
    }

    private static void NonZero(StringBuilder s, JsonArray values, System.Func<int, string> label)
    {
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i]!.GetValue<uint>() != 0)
            {
                Line(s, label(i), values[i]);
            }
        }
    }

    private static void Line(StringBuilder s, string label, object? value) =>
        s.AppendLine(Inv($"{label + ":",-24} {value}"));

    private static string Inv(System.FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
