using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ChamberCtl.Hil;
using ChamberFirmware.Core.Safety;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Hil;

/// <summary>The HTML report's plots as a HIL engineer reads them: limits in view, a runaway visible, the cut after a failure, labels apart.</summary>
public class HilReportPlotTests
{
    private static readonly HilReportContext Context = new("tests", new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero), "bench-1");

    private static XElement CountPlot(HilScenarioResult result)
    {
        var file = new HilScenarioFile("plot.yaml", [result.Scenario]);
        var html = HilHtmlReport.Render([new HilFileResult(file, [result])], Context);
        var start = html.IndexOf("<svg ", StringComparison.Ordinal);
        var end = html.IndexOf("</svg>", start, StringComparison.Ordinal) + "</svg>".Length;
        var svg = XElement.Parse(html[start..end]);
        Assert.Equal("Nanobot count against limits", svg.Elements().First(e => e.Name.LocalName == "title").Value);
        return svg;
    }

    private static HilScenarioResult RunFake(params string[] steps)
    {
        var (files, errors) = HilScenarioLoader.Load([WriteScenario(steps)]);
        Assert.Empty(errors);
        using var target = new FakeChamberTarget();
        return new HilRunner(target).Run(files[0].Scenarios[0]);
    }

    private static string WriteScenario(string[] steps)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "chamberctl-plot-" + Guid.NewGuid().ToString("N") + ".yaml");
        System.IO.File.WriteAllText(path, HilTestData.Yaml("plot", steps));
        return path;
    }

    private static double[] Ys(XElement polyline) =>
        polyline.Attribute("points")!.Value.Split(' ').Select(p => double.Parse(p.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void A_runaway_climbs_across_the_count_plot_to_its_cut_with_the_limit_and_the_hard_ceiling_in_view()
    {
        var scenario = HilScenarioLoader.LoadFile(HilTestData.RepositoryScenarios().Single(f => f.EndsWith("rogue-replication.yaml", StringComparison.Ordinal)), [])!.Scenarios[1];
        using var target = new SimulatorHilTarget();
        var result = new HilRunner(target).Run(scenario);
        Assert.Equal(HilOutcome.Passed, result.Outcome);

        var svg = CountPlot(result);
        var elements = svg.Descendants().ToList();
        var frame = elements.First(e => e.Name.LocalName == "rect");
        var plotHeight = double.Parse(frame.Attribute("height")!.Value, CultureInfo.InvariantCulture);

        // Both limits are drawn: the scenario's limit as a series, the hard ceiling as a line.
        Assert.Contains(elements, e => e.Name.LocalName == "polyline" && e.Value == "count limit");
        Assert.Contains(elements, e => e.Name.LocalName == "text" && e.Value == "hard ceiling " + HardLimits.CountCeiling.ToString("#,0", CultureInfo.InvariantCulture));
        Assert.Contains(elements, e => e.Name.LocalName == "text" && e.Value == "log scale");
        Assert.Contains(elements, e => e.Name.LocalName == "text" && e.Value == "1,000,000");

        // Creeping replication up to the count-limit cut: on the log axis the rise is clearly taller than
        // on a linear axis to the same top (where it is a few pixels), and the line reaches the limit.
        var count = Ys(elements.First(e => e.Name.LocalName == "polyline" && e.Value == "count"));
        var counts = result.Trace.Samples.Select(o => (double)o.Count).ToList();
        var axisTop = Math.Max(HardLimits.CountCeiling, counts.Max()) * 1.5;
        var linearSpan = plotHeight * (counts.Max() - counts.Min()) / axisTop;
        Assert.True(count.Max() - count.Min() > 1.5 * linearSpan, $"count line spans {count.Max() - count.Min():0} px; a linear axis would give {linearSpan:0}");
        var limit = Ys(elements.First(e => e.Name.LocalName == "polyline" && e.Value == "count limit"));
        // The limit series starts at the default limit until the profile is set: compare with where it ends.
        Assert.True(Math.Abs(count.Min() - limit[^1]) < 3, $"count peaks at y {count.Min():0}, the limit ends at y {limit[^1]:0}");
    }

    [Fact]
    public void After_a_failed_expectation_the_trace_goes_on_until_the_cut_is_seen()
    {
        // The expectation checks at once, before the link timeout has passed: it fails, and the cut comes after.
        var result = RunFake([.. HilTestData.ActiveSession, "- inject: { link: drop }", "- expect: { cut: LinkLost }", "- wait_ms: 10"]);

        Assert.Equal(HilOutcome.Failed, result.Outcome);
        var failed = result.Steps[^1];
        Assert.Equal(HilOutcome.Failed, failed.Outcome);
        var cut = Assert.Single(result.Trace.CutMarkers());
        Assert.True(cut.Reasons.HasFlag(CutReasons.LinkLost), cut.Reasons.ToString());
        Assert.True(cut.TimeMicroseconds > failed.EndMicroseconds, "the cut should come after the failing step");
        Assert.True(result.Trace.Samples[^1].TimeMicroseconds >= cut.TimeMicroseconds + (HilRunner.RecordAfterCutMilliseconds * 1000L));
        Assert.Equal(result.Scenario.Steps.Count - 1, result.Steps.Count);
        Assert.Contains("cut-marker-label", CountPlot(result).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Step_labels_close_together_never_overlap()
    {
        var crowded = Enumerable.Range(0, 6).SelectMany(_ => new[] { "- console: { heartbeat: on }", "- inject: { temperature_c: 37.5 }", "- wait_ms: 5" }).ToArray();
        var result = RunFake([.. HilTestData.ActiveSession, .. crowded]);
        Assert.Equal(HilOutcome.Passed, result.Outcome);

        var labels = CountPlot(result).Descendants().Where(e => e.Name.LocalName == "text" && (e.Attribute("class")?.Value.Contains("event-marker-label", StringComparison.Ordinal) ?? false))
            .Select(e => (X: double.Parse(e.Attribute("x")!.Value, CultureInfo.InvariantCulture), Y: e.Attribute("y")!.Value, Width: SvgChart.LabelWidth(e.Value)))
            .ToList();

        Assert.True(labels.Count >= 3, "some step labels should be drawn, saw " + labels.Count);
        foreach (var a in labels)
        {
            foreach (var b in labels.Where(b => b != a && b.Y == a.Y))
            {
                Assert.True(a.X + a.Width <= b.X || b.X + b.Width <= a.X, $"labels at x {a.X} and {b.X} overlap in row y {a.Y}");
            }
        }
    }
}
