using System.IO;
using System.Text;
using System.Text.Json;

namespace ChamberFirmware.Simulation.Report;

/// <summary>Writes a <see cref="SimulationReport"/> as one JSON object, fields in a fixed order (docs/simulator.md).</summary>
public static class ReportJson
{
    public static string Write(SimulationReport report, bool indented = true)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            Write(json, report);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Utf8JsonWriter json, SimulationReport report)
    {
        json.WriteStartObject();
        json.WriteString("scenario", report.Scenario);
        json.WriteNumber("seed", report.Seed);
        json.WriteNumber("ticks", report.Ticks);
        json.WriteNumber("supervisorSteps", report.SupervisorSteps);
        json.WriteNumber("simulatedSeconds", report.SimulatedSeconds);
        json.WriteStartArray("cuts");
        foreach (var cut in report.Cuts)
        {
            json.WriteStartObject();
            json.WriteString("reason", cut.Reason);
            json.WriteString("words", cut.Words);
            json.WriteNumber("atMs", cut.AtMilliseconds);
            WriteOrNull(json, "hazard", cut.Hazard);
            WriteOrNull(json, "hazardAtMs", cut.HazardAtMilliseconds);
            WriteOrNull(json, "latencyMs", cut.LatencyMilliseconds);
            WriteOrNull(json, "emittersOffLatencyMs", cut.EmittersOffLatencyMilliseconds);
            WriteOrNull(json, "budgetMs", cut.BudgetMilliseconds);
            if (cut.WithinBudget is { } within)
            {
                json.WriteBoolean("withinBudget", within);
            }
            else
            {
                json.WriteNull("withinBudget");
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("maxCount", report.MaxCount);
        json.WriteNumber("maxCountWhilePowered", report.MaxCountWhilePowered);
        json.WriteNumber("unsafeExposureMs", report.UnsafeExposureMilliseconds);
        json.WriteStartArray("invariantViolations");
        foreach (var violation in report.InvariantViolations)
        {
            json.WriteStartObject();
            json.WriteString("invariant", violation.Invariant.ToString());
            json.WriteNumber("atMs", violation.AtMilliseconds);
            json.WriteString("detail", violation.Detail);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("finalState", report.FinalState);
        json.WriteStartArray("criteria");
        foreach (var criterion in report.Criteria)
        {
            json.WriteStartObject();
            json.WriteString("name", criterion.Name);
            json.WriteBoolean("passed", criterion.Passed);
            json.WriteString("detail", criterion.Detail);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("linkRejects");
        foreach (var pair in report.LinkRejects)
        {
            json.WriteNumber(pair.Key, pair.Value);
        }

        json.WriteEndObject();
        json.WriteBoolean("passed", report.Passed);
        json.WriteEndObject();
    }

    private static void WriteOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteOrNull(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
