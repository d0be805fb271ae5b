using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;

namespace ChamberCtl.Hil;

/// <summary>
/// Writes JUnit XML in the shape both common schemas accept (the Jenkins junit-10 schema and the
/// older Ant one that GitLab, Azure DevOps and most dashboards read): one testsuite per file with
/// id, package, timestamp and hostname; one testcase per scenario with only name, classname and
/// time; failure/error with message and type; suite-level properties, system-out and system-err.
/// Times are target time (virtual on the simulator), in seconds.
/// </summary>
internal static class HilJUnitWriter
{
    public static void Write(string path, IReadOnlyList<HilFileResult> results, HilReportContext context)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) };
        using var stream = File.Create(path);
        using var xml = XmlWriter.Create(stream, settings);
        Write(xml, results, context);
    }

    public static string ToText(IReadOnlyList<HilFileResult> results, HilReportContext context)
    {
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true }))
        {
            Write(xml, results, context);
        }

        return text.ToString();
    }

    private static void Write(XmlWriter xml, IReadOnlyList<HilFileResult> results, HilReportContext context)
    {
        var all = results.SelectMany(r => r.Scenarios).ToList();
        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", "chamberctl hil");
        xml.WriteAttributeString("tests", Count(all.Count));
        xml.WriteAttributeString("failures", Count(all.Count(s => s.Outcome == HilOutcome.Failed)));
        xml.WriteAttributeString("errors", Count(all.Count(s => s.Outcome == HilOutcome.Error)));
        xml.WriteAttributeString("time", Seconds(all.Sum(s => s.DurationMicroseconds)));
        for (var i = 0; i < results.Count; i++)
        {
            WriteSuite(xml, results[i], i, context);
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteSuite(XmlWriter xml, HilFileResult file, int id, HilReportContext context)
    {
        var scenarios = file.Scenarios;
        var suiteName = SuiteName(file.File.Path);
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", suiteName);
        xml.WriteAttributeString("tests", Count(scenarios.Count));
        xml.WriteAttributeString("failures", Count(scenarios.Count(s => s.Outcome == HilOutcome.Failed)));
        xml.WriteAttributeString("errors", Count(scenarios.Count(s => s.Outcome == HilOutcome.Error)));
        xml.WriteAttributeString("skipped", "0");
        xml.WriteAttributeString("time", Seconds(scenarios.Sum(s => s.DurationMicroseconds)));
        xml.WriteAttributeString("timestamp", context.StartedUtc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        xml.WriteAttributeString("hostname", context.HostName);
        xml.WriteAttributeString("id", Count(id));
        xml.WriteAttributeString("package", "hil");

        xml.WriteStartElement("properties");
        WriteProperty(xml, "target", context.TargetDescription);
        WriteProperty(xml, "file", file.File.Path);
        xml.WriteEndElement();

        var log = new StringBuilder();
        foreach (var scenario in scenarios)
        {
            WriteCase(xml, scenario, suiteName);
            AppendLog(log, scenario);
        }

        xml.WriteElementString("system-out", log.ToString());
        xml.WriteElementString("system-err", string.Empty);
        xml.WriteEndElement();
    }

    private static void WriteCase(XmlWriter xml, HilScenarioResult scenario, string suiteName)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("name", scenario.Scenario.Name);
        xml.WriteAttributeString("classname", "hil." + suiteName);
        xml.WriteAttributeString("time", Seconds(scenario.DurationMicroseconds));
        if (scenario.Outcome != HilOutcome.Passed)
        {
            xml.WriteStartElement(scenario.Outcome == HilOutcome.Failed ? "failure" : "error");
            xml.WriteAttributeString("message", FailureMessage(scenario));
            xml.WriteAttributeString("type", scenario.Outcome == HilOutcome.Failed ? "expectation" : "target");
            xml.WriteString(StepListing(scenario));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <summary>"step 5 (expect: cut: Overcount within 20 ms): not within 20 ms ...".</summary>
    public static string FailureMessage(HilScenarioResult scenario)
    {
        if (scenario.SetupError is { } setup)
        {
            return setup;
        }

        var failure = scenario.Failure;
        return failure is null
            ? string.Empty
            : "step " + Count(failure.Step.Number) + " (" + failure.Step.Text + "): " + failure.Message;
    }

    /// <summary>Every step with its verdict and target time, the failed one marked, the rest "not run".</summary>
    public static string StepListing(HilScenarioResult scenario)
    {
        var text = new StringBuilder();
        var ran = scenario.Steps.ToDictionary(s => s.Step.Number);
        foreach (var step in scenario.Scenario.Steps)
        {
            if (ran.TryGetValue(step.Number, out var result))
            {
                text.Append(result.Outcome switch { HilOutcome.Passed => "pass ", HilOutcome.Failed => "FAIL ", _ => "ERROR" })
                    .Append(" step ").Append(Count(step.Number)).Append(" at ").Append(HilRunner.Ms(result.StartMicroseconds))
                    .Append(": ").Append(step.Text);
                if (result.Message is not null)
                {
                    text.Append(Environment.NewLine).Append("      ").Append(result.Message);
                }
            }
            else
            {
                text.Append("-     step ").Append(Count(step.Number)).Append(" not run: ").Append(step.Text);
            }

            text.Append(Environment.NewLine);
        }

        return text.ToString();
    }

    private static void AppendLog(StringBuilder log, HilScenarioResult scenario)
    {
        log.Append("== ").Append(scenario.Scenario.Name).Append(": ").Append(scenario.Outcome).Append(Environment.NewLine);
        if (scenario.SetupError is not null)
        {
            log.Append(scenario.SetupError).Append(Environment.NewLine);
        }

        log.Append(StepListing(scenario));
        foreach (var cut in scenario.Trace.CutMarkers())
        {
            log.Append("cut at ").Append(HilRunner.Ms(cut.TimeMicroseconds)).Append(": ").Append(cut.Reasons).Append(Environment.NewLine);
        }
    }

    private static void WriteProperty(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", value);
        xml.WriteEndElement();
    }

    public static string SuiteName(string path) => Path.GetFileNameWithoutExtension(path);

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(long microseconds) => (microseconds / 1_000_000.0).ToString("0.000", CultureInfo.InvariantCulture);
}
