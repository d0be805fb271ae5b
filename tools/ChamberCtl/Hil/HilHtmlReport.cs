using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Numerics;
using System.Text;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Safety;

namespace ChamberCtl.Hil;

/// <summary>
/// A single self-contained HTML file (inline CSS and SVG, no script, nothing fetched): a summary,
/// then per scenario its verdict, failure, steps and four plots over target time (count against
/// limits, emitters and interlock, link age against the timeout, temperature against the cut
/// threshold) with every cut marked in red with its reasons and every inject/console step marked in grey.
/// </summary>
internal static class HilHtmlReport
{
    private const string Css =
        "body{font-family:system-ui,sans-serif;margin:2em;color:#222}" +
        "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:2px 8px;text-align:left;vertical-align:top}" +
        ".pass{color:#1a7f37;font-weight:bold}.fail{color:#c62828;font-weight:bold}.error{color:#b26a00;font-weight:bold}" +
        ".failure{background:#fdecea;border-left:4px solid #c62828;padding:.5em 1em;white-space:pre-wrap}" +
        "section{border-top:2px solid #ddd;margin-top:2em}svg.plot{display:block;margin:.3em 0}" +
        ".plot-title{font-size:13px;font-weight:bold}.axis{font-size:11px;fill:#555}.label{font-size:10px}" +
        "tr.step-failed{background:#fdecea}tr.step-notrun{color:#999}";

    /// <summary>Bottom of the count plot's log axis (bots).</summary>
    internal const int CountAxisFloor = 100;

    public static void Write(string path, IReadOnlyList<HilFileResult> results, HilReportContext context) =>
        File.WriteAllText(path, Render(results, context), new UTF8Encoding(false));

    public static string Render(IReadOnlyList<HilFileResult> results, HilReportContext context)
    {
        var all = results.SelectMany(r => r.Scenarios).ToList();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>HIL report</title><style>").Append(Css).Append("</style></head><body>");
        html.Append("<h1>HIL report</h1>");
        html.Append("<p>Target: ").Append(E(context.TargetDescription)).Append(" · started ")
            .Append(E(context.StartedUtc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture))).Append(" on ").Append(E(context.HostName)).Append("</p>");
        html.Append("<p>").Append(Count(all.Count)).Append(" scenarios: <span class=\"pass\">").Append(Count(all.Count(s => s.Outcome == HilOutcome.Passed))).Append(" passed</span>, <span class=\"fail\">")
            .Append(Count(all.Count(s => s.Outcome == HilOutcome.Failed))).Append(" failed</span>, <span class=\"error\">").Append(Count(all.Count(s => s.Outcome == HilOutcome.Error))).Append(" errors</span>. Times are target time.</p>");

        html.Append("<table><tr><th>file</th><th>scenario</th><th>result</th><th>target time</th></tr>");
        var index = 0;
        foreach (var file in results)
        {
            foreach (var scenario in file.Scenarios)
            {
                html.Append("<tr><td>").Append(E(HilJUnitWriter.SuiteName(file.File.Path))).Append("</td><td><a href=\"#s").Append(Count(index++)).Append("\">")
                    .Append(E(scenario.Scenario.Name)).Append("</a></td><td>").Append(Verdict(scenario.Outcome)).Append("</td><td>")
                    .Append(HilRunner.Ms(scenario.DurationMicroseconds)).Append("</td></tr>");
            }
        }

        html.Append("</table>");
        index = 0;
        foreach (var file in results)
        {
            foreach (var scenario in file.Scenarios)
            {
                Section(html, file, scenario, index++);
            }
        }

        html.Append("</body></html>");
        return html.ToString();
    }

    private static void Section(StringBuilder html, HilFileResult file, HilScenarioResult result, int index)
    {
        html.Append("<section id=\"s").Append(Count(index)).Append("\" class=\"scenario\"><h2>").Append(E(result.Scenario.Name)).Append(' ').Append(Verdict(result.Outcome)).Append("</h2>");
        html.Append("<p>").Append(E(result.Scenario.Description)).Append("</p>");
        html.Append("<p>File ").Append(E(file.File.Path)).Append(", seed ").Append(Count(result.Scenario.Seed)).Append("</p>");
        if (result.Outcome != HilOutcome.Passed)
        {
            html.Append("<div class=\"failure\">").Append(E(HilJUnitWriter.FailureMessage(result))).Append("</div>");
        }

        html.Append("<table><tr><th>#</th><th>at</th><th>step</th><th>result</th></tr>");
        var ran = result.Steps.ToDictionary(s => s.Step.Number);
        foreach (var step in result.Scenario.Steps)
        {
            if (ran.TryGetValue(step.Number, out var r))
            {
                html.Append(r.Outcome == HilOutcome.Passed ? "<tr>" : "<tr class=\"step-failed\">").Append("<td>").Append(Count(step.Number)).Append("</td><td>")
                    .Append(HilRunner.Ms(r.StartMicroseconds)).Append("</td><td>").Append(E(step.Text)).Append("</td><td>").Append(Verdict(r.Outcome));
                if (r.Message is not null)
                {
                    html.Append("<br>").Append(E(r.Message));
                }

                html.Append("</td></tr>");
            }
            else
            {
                html.Append("<tr class=\"step-notrun\"><td>").Append(Count(step.Number)).Append("</td><td></td><td>").Append(E(step.Text)).Append("</td><td>not run</td></tr>");
            }
        }

        html.Append("</table>");
        Plots(html, result);
        html.Append("</section>");
    }

    private static void Plots(StringBuilder html, HilScenarioResult result)
    {
        var samples = result.Trace.Samples;
        if (samples.Count == 0)
        {
            html.Append("<p>No samples were recorded.</p>");
            return;
        }

        var end = samples[^1].TimeMicroseconds / 1000.0;
        var cuts = result.Trace.CutMarkers();
        var settings = new ChamberSettings();

        // A log axis from 100 bots to above the hard ceiling: the count at rest (a few thousand), the
        // scenario's count limit and the hard ceiling are always all on the plot, and a runaway's
        // exponential rise is a straight climb rather than a flat line that turns up at the end.
        var countMax = System.Math.Max(HardLimits.CountCeiling, samples.Max(s => s.Count)) * 1.5;
        var count = new SvgChart("Nanobot count against limits", 300, end, CountAxisFloor, countMax) { Logarithmic = true }
            .Add(Series("count", "#1565c0", samples, s => s.Count, step: false))
            .Add(Series("count limit", "#ef6c00", samples, s => s.CountLimit, step: true))
            .Limit(new SvgMarker(HardLimits.CountCeiling, "hard ceiling " + HardLimits.CountCeiling.ToString("#,0", CultureInfo.InvariantCulture), "#c62828", true, "limit"));

        var emitters = new SvgChart("Emitters powered (channels) and interlock power", 150, end, 0, HardLimits.EmitterChannels)
            .Add(Series("channels powered", "#6a1b9a", samples, s => BitOperations.PopCount((uint)s.EmittersPoweredMask), step: true))
            .Add(Series("interlock on", "#2e7d32", samples, s => s.InterlockPowered ? HardLimits.EmitterChannels : 0, step: true));

        // Before the first heartbeat the age is int.MaxValue: clip to four timeouts so the plot stays readable.
        var ageCap = settings.LinkTimeoutMilliseconds * 4.0;
        var link = new SvgChart("Link age (ms, clipped at " + ageCap.ToString(CultureInfo.InvariantCulture) + ")", 150, end, 0, ageCap)
            .Add(Series("link age (peak per pixel)", "#00838f", samples, s => System.Math.Min(s.LinkAgeMilliseconds, ageCap), step: true) with { UpperEnvelope = true })
            .Limit(new SvgMarker(settings.LinkTimeoutMilliseconds, "link timeout (default) " + Count(settings.LinkTimeoutMilliseconds) + " ms", "#c62828", true, "limit"));

        var tempMax = System.Math.Max(HardLimits.OverTemperatureMaxCentiCelsius, samples.Max(s => s.TemperatureCentiCelsius)) / 100.0 + 2;
        var tempMin = System.Math.Min(20, samples.Min(s => s.TemperatureCentiCelsius) / 100.0 - 2);
        var temperature = new SvgChart("Temperature (°C)", 150, end, tempMin, tempMax)
            .Add(Series("temperature", "#ad1457", samples, s => s.TemperatureCentiCelsius / 100.0, step: true))
            .Limit(new SvgMarker(settings.OverTemperatureCentiCelsius / 100.0, "over-temperature cut (default)", "#c62828", true, "limit"));

        foreach (var chart in new[] { count, emitters, link, temperature })
        {
            // Step labels are written on the first plot only; the others show the same lines (with the text as a tooltip).
            foreach (var e in result.Events)
            {
                chart.Event(new SvgMarker(e.TimeMicroseconds / 1000.0, e.Text, "#777", true, "event-marker") { ShowLabel = chart == count });
            }

            foreach (var cut in cuts)
            {
                chart.Event(new SvgMarker(cut.TimeMicroseconds / 1000.0, "cut: " + cut.Reasons, "#c62828", false, "cut-marker"));
            }

            html.Append(chart.Render());
        }

        if (cuts.Count > 0)
        {
            html.Append("<p>Cuts: ");
            html.AppendJoin("; ", cuts.Select(c => E(c.Reasons + " at " + HilRunner.Ms(c.TimeMicroseconds))));
            html.Append("</p>");
        }
    }

    private static SvgSeries Series(string name, string color, IReadOnlyList<HilObservation> samples, System.Func<HilObservation, double> value, bool step) =>
        new(name, color, samples.Select(s => new SvgPoint(s.TimeMicroseconds / 1000.0, value(s))).ToList(), step);

    private static string Verdict(HilOutcome outcome) => outcome switch
    {
        HilOutcome.Passed => "<span class=\"pass\">PASS</span>",
        HilOutcome.Failed => "<span class=\"fail\">FAIL</span>",
        _ => "<span class=\"error\">ERROR</span>",
    };

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
