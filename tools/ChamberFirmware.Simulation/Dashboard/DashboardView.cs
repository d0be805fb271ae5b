using System.Globalization;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Simulation.Engine;
using ChamberFirmware.Simulation.Report;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ChamberFirmware.Simulation.Dashboard;

/// <summary>The live dashboard (a Spectre table) and its plain one-line form for logs and pipes.</summary>
public static class DashboardView
{
    public static IRenderable Render(TraceSample s, string speed, string? lastCut, string footer)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]simulated chamber[/]").AddColumn("what").AddColumn("now");
        string stateColour = s.State switch
        {
            Core.Treatment.ChamberState.SafeStop => "red",
            Core.Treatment.ChamberState.Active => "green",
            Core.Treatment.ChamberState.Armed => "yellow",
            _ => "white",
        };
        table.AddRow("time", Markup.Escape($"{s.AtMilliseconds / 1000.0:0.0} s virtual ({speed})"));
        table.AddRow("state", $"[{stateColour}]{s.State}[/]" + (s.LatchedReasons != CutReasons.None ? Markup.Escape($" latched: {CutReasonWords.Describe(s.LatchedReasons)}") : string.Empty));
        table.AddRow("count", Markup.Escape($"{s.MeasuredCount:N0} measured / {s.TrueCount:N0} true  — target {s.TargetCount:N0}, limit {s.CountLimit:N0}, ceiling {HardLimits.CountCeiling:N0}"));
        table.AddRow("growth", Markup.Escape($"{s.GrowthPermillePerSecond} ‰/s"));
        table.AddRow("emitters", Markup.Escape($"commanded {Mask(s.CommandedEmitterMask)}  truly emitting {Mask(s.PoweredEmitterMask)}  bank {(s.BankPowered ? "powered" : "unpowered")}"));
        table.AddRow("link age", Markup.Escape(s.LinkAgeMilliseconds == int.MaxValue ? "no heartbeat yet" : $"{s.LinkAgeMilliseconds} ms"));
        table.AddRow("temperature", Markup.Escape($"{s.TemperatureCentiCelsius / 100.0:0.00} °C measured / {s.TrueTemperatureCentiCelsius / 100.0:0.00} °C true"));
        table.AddRow("last cut", Markup.Escape(lastCut ?? "none"));
        table.Caption(Markup.Escape(footer));
        return table;
    }

    public static string PlainLine(TraceSample s, string? lastCut) => string.Create(CultureInfo.InvariantCulture,
        $"t={s.AtMilliseconds / 1000.0:0.0}s state={s.State} count={s.MeasuredCount}/{s.TrueCount} target={s.TargetCount} limit={s.CountLimit} growth={s.GrowthPermillePerSecond}‰/s emitters={Mask(s.PoweredEmitterMask)} bank={(s.BankPowered ? "on" : "off")} link={(s.LinkAgeMilliseconds == int.MaxValue ? "-" : s.LinkAgeMilliseconds + "ms")} temp={s.TrueTemperatureCentiCelsius / 100.0:0.00}C lastCut={lastCut ?? "none"}");

    private static string Mask(int mask)
    {
        var chars = new char[8];
        for (int i = 0; i < 8; i++)
        {
            chars[i] = (mask & (1 << i)) != 0 ? '■' : '·';
        }

        return new string(chars);
    }
}
