using System.Globalization;
using System.Linq;
using System.Text;
using ChamberFirmware.ConsoleLink.Client;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.DiagnosticsBridge;

namespace ChamberCtl.TreatmentConsole;

/// <summary>The console's words for the device's status and replies (names, not codes).</summary>
internal static class ConsoleText
{
    public static string Reasons(CutReasons reasons)
    {
        var names = DiagnosticsJson.Reasons(reasons).Select(n => n!.GetValue<string>()).ToArray();
        return names.Length == 0 ? "none" : string.Join(", ", names);
    }

    /// <summary>One line for <c>watch</c>.</summary>
    public static string Line(ChamberStatus s, double elapsedSeconds)
    {
        var line = new StringBuilder();
        line.Append(Inv($"{elapsedSeconds,7:0.0} s  {s.State,-9} count {s.Count,9:N0}  growth {s.GrowthPermillePerSecond,5} ‰/s  emitters {ReadableCodes.EmitterChannels(s.ActiveEmitterMask),-22}  link {ReadableCodes.LinkAge(s.LinkAgeMilliseconds)}"));
        if (s.State == ChamberFirmware.Core.Treatment.ChamberState.Active)
        {
            line.Append(Inv($"  remaining {s.RemainingMilliseconds / 1000.0:0.0} s"));
        }

        if (s.LatchedReasons != CutReasons.None)
        {
            line.Append("  CUT: ").Append(Reasons(s.LatchedReasons));
        }

        return line.ToString();
    }

    /// <summary>The full status for <c>status</c>.</summary>
    public static string Full(ChamberStatus s)
    {
        var text = new StringBuilder();
        Row(text, "state", s.State == ChamberFirmware.Core.Treatment.ChamberState.SafeStop ? "SafeStop (latched: treatment cut)" : s.State.ToString());
        Row(text, "latched cut reasons", Reasons(s.LatchedReasons));
        Row(text, "last cut reasons", Reasons(s.LastCutReasons));
        Row(text, "count", s.Count.ToString("N0", CultureInfo.InvariantCulture));
        Row(text, "growth", Inv($"{s.GrowthPermillePerSecond} ‰/s"));
        Row(text, "active emitters", ReadableCodes.EmitterChannels(s.ActiveEmitterMask));
        Row(text, "link age", ReadableCodes.LinkAge(s.LinkAgeMilliseconds));
        Row(text, "temperature", Inv($"{s.TemperatureCentiCelsius / 100.0:0.00} °C"));
        Row(text, "target count", s.TargetCount.ToString(CultureInfo.InvariantCulture));
        Row(text, "count limit", s.CountLimit.ToString(CultureInfo.InvariantCulture));
        Row(text, "remaining", Inv($"{s.RemainingMilliseconds / 1000.0:0.0} s"));
        Row(text, "provisioned", s.Provisioned ? "yes" : "no");
        Row(text, "uptime", DiagnosticsTextReport.Uptime(s.UptimeMicroseconds));
        return text.ToString();
    }

    /// <summary>"ok", or the refusal by name with what it means and what to do.</summary>
    public static string Reply(CommandReply reply) => reply.Result switch
    {
        CommandResult.Ok => "ok",
        CommandResult.ProfileRejected => "refused: ProfileRejected — " + reply.RejectedProfileField + " is outside the device's hard bounds",
        CommandResult.SettingsRejected => "refused: SettingsRejected — " + reply.RejectedSettingsField + " is outside the device's hard bounds",
        CommandResult.ClearRefused => "refused: ClearRefused — still present: " + Reasons(reply.StillPresent) + " (fix that first, e.g. resume-heartbeat for LinkLost)",
        CommandResult.SafeStopLatched => "refused: SafeStopLatched — the chamber is in SafeStop; clear it first (clear)",
        CommandResult.LinkNotHealthy => "refused: LinkNotHealthy — the device has no recent heartbeat from this console (resume-heartbeat, then try again)",
        CommandResult.NotProvisioned => "refused: NotProvisioned — the device has no valid configuration (chamberctl provision)",
        CommandResult.InvalidState => "refused: InvalidState — not allowed in the chamber's current state (status shows it)",
        CommandResult.SelfTestFailed => "refused: SelfTestFailed — the cut-path self-test failed; the chamber stays unarmed",
        var other => "refused: " + other,
    };

    /// <summary>What a session refusal at connect means (the device's Notice or a failed challenge).</summary>
    public static string SessionRefusal(string target, string keyFile, LinkProtocolException e)
    {
        string message = e.Message;
        if (message.Contains("does not hold this key", System.StringComparison.Ordinal))
        {
            return "the device at " + target + " does not hold the key in " + keyFile + " (wrong key file for this device?); nothing was sent after the handshake";
        }

        if (message.Contains(nameof(LinkRejectReason.NotProvisioned), System.StringComparison.Ordinal) || message.Contains(nameof(CommandResult.NotProvisioned), System.StringComparison.Ordinal))
        {
            return "the device at " + target + " has no link key yet (factory-fresh): provision it first (chamberctl provision)";
        }

        return "the device at " + target + " refused the session: " + message;
    }

    private static void Row(StringBuilder text, string label, string value) => text.AppendLine(Inv($"  {label + ":",-22} {value}"));

    private static string Inv(System.FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
