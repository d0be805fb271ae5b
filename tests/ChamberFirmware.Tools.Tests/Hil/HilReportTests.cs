using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using ChamberCtl.Hil;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Hil;

public class HilReportTests
{
    private static readonly HilReportContext Context = new("fake chamber model (tests)", new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero), "bench-1");

    /// <summary>Two files: one with a passing and a failing scenario, one with a single passing scenario.</summary>
    private static List<HilFileResult> Results(TempDirectory dir)
    {
        var mixed = dir.Write("mixed.yaml",
            "- " + HilTestData.Yaml("link drop is cut", [.. HilTestData.ActiveSession, "- inject: { link: drop }", "- expect: { cut: LinkLost, within_ms: 260 }"]).Replace("\n", "\n  ", StringComparison.Ordinal).TrimEnd() + "\n" +
            "- " + HilTestData.Yaml("wrong expectation <&>", [.. HilTestData.ActiveSession, "- expect: { state: Idle }", "- wait_ms: 10"]).Replace("\n", "\n  ", StringComparison.Ordinal).TrimEnd() + "\n");
        var single = dir.Write("single.json", """{ "name": "idle", "description": "nothing happens", "steps": [ { "wait_ms": 50 } ] }""");
        var (files, errors) = HilScenarioLoader.Load([mixed, single]);
        Assert.Empty(errors);
        using var target = new FakeChamberTarget();
        var runner = new HilRunner(target);
        return files.Select(runner.RunFile).ToList();
    }

    [Fact]
    public void JUnit_has_one_suite_per_file_one_case_per_scenario_and_the_right_counts()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("junit.xml");
        HilJUnitWriter.Write(path, Results(dir), Context);

        var xml = XDocument.Load(path);
        var root = xml.Root!;
        Assert.Equal("testsuites", root.Name.LocalName);
        Assert.Equal("3", (string?)root.Attribute("tests"));
        Assert.Equal("1", (string?)root.Attribute("failures"));
        Assert.Equal("0", (string?)root.Attribute("errors"));

        var suites = root.Elements("testsuite").ToList();
        Assert.Equal(["mixed", "single"], suites.Select(s => (string?)s.Attribute("name")));
        Assert.Equal("2", (string?)suites[0].Attribute("tests"));
        Assert.Equal("1", (string?)suites[0].Attribute("failures"));
        Assert.Equal("2030-01-02T03:04:05", (string?)suites[0].Attribute("timestamp"));
        Assert.Equal("bench-1", (string?)suites[0].Attribute("hostname"));
        Assert.Equal("fake chamber model (tests)", suites[0].Element("properties")!.Elements("property").Single(p => (string?)p.Attribute("name") == "target").Attribute("value")!.Value);

        var cases = suites[0].Elements("testcase").ToList();
        Assert.Equal(["link drop is cut", "wrong expectation <&>"], cases.Select(c => (string?)c.Attribute("name")));
        Assert.Null(cases[0].Element("failure"));
        var failure = cases[1].Element("failure")!;
        Assert.Equal("step 6 (expect: { state: Idle }): state is Active (latched None); expected Idle", (string?)failure.Attribute("message"));
        Assert.Equal("expectation", (string?)failure.Attribute("type"));
        Assert.Contains("FAIL  step 6", failure.Value, StringComparison.Ordinal);
        Assert.Contains("step 7 not run: wait_ms: 10", failure.Value, StringComparison.Ordinal);

        // Target time: the passing scenario ran 1300 ms plus the time to the cut.
        var time = double.Parse((string)cases[0].Attribute("time")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(time, 1.300, 1.560);
        Assert.Contains("cut at ", suites[0].Element("system-out")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void JUnit_is_valid_against_the_common_schema()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("junit.xml");
        HilJUnitWriter.Write(path, Results(dir), Context);
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "Hil", "junit-common.xsd"));
        var problems = new List<string>();

        XDocument.Load(path).Validate(schemas, (_, e) => problems.Add(e.Message));

        Assert.Empty(problems);
    }

    [Fact]
    public void A_target_error_is_a_junit_error_not_a_failure()
    {
        using var dir = new TempDirectory();
        var file = HilTestData.Load(dir, "s.yaml", HilTestData.Yaml("x", "- wait_ms: 5"));
        var scenario = file.Scenarios[0];
        var errored = new HilScenarioResult(scenario, HilOutcome.Error, [], new HilTrace(), []) { SetupError = "reset failed: rig unplugged" };

        var xml = XDocument.Parse(HilJUnitWriter.ToText([new HilFileResult(file, [errored])], Context));

        Assert.Equal("1", (string?)xml.Root!.Attribute("errors"));
        Assert.Equal("0", (string?)xml.Root.Attribute("failures"));
        var error = xml.Descendants("error").Single();
        Assert.Equal("reset failed: rig unplugged", (string?)error.Attribute("message"));
    }

    [Fact]
    public void Html_is_self_contained_with_svg_plots_and_cut_markers_per_scenario()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("report.html");
        HilHtmlReport.Write(path, Results(dir), Context);
        var html = File.ReadAllText(path);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(3, Count(html, "<section "));
        Assert.Equal(12, Count(html, "<svg "));
        foreach (var title in new[] { "Nanobot count against limits", "Emitters powered (channels) and interlock power", "Link age", "Temperature" })
        {
            Assert.Equal(3, Count(html, "<title>" + title));
        }

        // The link-drop scenario's single cut is drawn on each of its four plots, labelled with its reason.
        Assert.Equal(4, Count(html, "class=\"label cut-marker-label\" fill=\"#c62828\">cut: LinkLost</text>"));
        // The count plot's log axis always has room for the hard ceiling: it is drawn on every count plot.
        Assert.Equal(3, Count(html, ">hard ceiling 5,000,000</text>"));
        Assert.Contains("wrong expectation &lt;&amp;&gt;", html, StringComparison.Ordinal);
        Assert.Contains("state is Active (latched None); expected Idle", html, StringComparison.Ordinal);
        Assert.Contains("<polyline class=\"series\"", html, StringComparison.Ordinal);

        // Every SVG is well-formed XML on its own (browsers render inline SVG strictly).
        var start = 0;
        while ((start = html.IndexOf("<svg ", start, StringComparison.Ordinal)) >= 0)
        {
            var end = html.IndexOf("</svg>", start, StringComparison.Ordinal) + "</svg>".Length;
            var svg = XElement.Parse(html[start..end]);
            Assert.Equal("svg", svg.Name.LocalName);
            start = end;
        }
    }

    [Fact]
    public void A_long_trace_is_reduced_but_keeps_a_one_sample_spike()
    {
        var points = Enumerable.Range(0, 100_000).Select(i => new SvgPoint(i, i == 54_321 ? 1000 : 1)).ToList();
        var chart = new SvgChart("spike", 150, 100_000, 0, 1000).Add(new SvgSeries("s", "#000", points, Step: false));

        var svg = XElement.Parse(chart.Render());
        var polyline = svg.Descendants().Single(e => e.Name.LocalName == "polyline");
        var coordinates = polyline.Attribute("points")!.Value.Split(' ');

        Assert.InRange(coordinates.Length, 3, 4 * 900);
        Assert.Contains(coordinates, c => c.EndsWith(",22", StringComparison.Ordinal)); // the top of the plot area
    }

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
