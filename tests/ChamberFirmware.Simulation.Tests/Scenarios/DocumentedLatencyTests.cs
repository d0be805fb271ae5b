using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using ChamberFirmware.Simulation.Engine;
using ChamberFirmware.Simulation.Scenarios;
using Xunit;

namespace ChamberFirmware.Simulation.Tests.Scenarios;

/// <summary>
/// The scenario table in docs/simulator.md states a cut latency and budget per scenario for the
/// default seed: every figure is compared with a run, so the docs cannot go stale.
/// </summary>
public sealed partial class DocumentedLatencyTests
{
    [Fact]
    public void Every_latency_and_budget_in_the_simulator_docs_is_what_a_run_with_the_default_seed_measures()
    {
        var rows = ScenarioRows();
        Assert.Equal(ScenarioCatalog.All.Select(s => s.Name).Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
        var wrong = new StringBuilder();
        foreach (var (name, documented) in rows)
        {
            var report = ScenarioRunner.Run(ScenarioCatalog.Find(name)!, SimulationSetup.DefaultSeed);
            var measured = Measured(report);
            if (documented != measured)
            {
                wrong.AppendLine($"{name}: docs say '{documented}', a run measures '{measured}'");
            }
        }

        Assert.True(wrong.Length == 0, "docs/simulator.md scenario table is stale (seed " + SimulationSetup.DefaultSeed + "):" + Environment.NewLine + wrong);
    }

    [Fact]
    public void The_latencies_quoted_in_the_safety_case_are_the_simulator_table_figures()
    {
        var rows = ScenarioRows();
        var safety = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "safety.md"));
        var quoted = SafetyQuote().Matches(safety);
        Assert.NotEmpty(quoted);
        foreach (Match quote in quoted)
        {
            var name = quote.Groups["name"].Value;
            Assert.True(rows.ContainsKey(name), "docs/safety.md quotes an unknown scenario " + name);
            Assert.Equal(rows[name], $"{quote.Groups["latency"].Value} ms (budget {quote.Groups["budget"].Value})");
        }
    }

    /// <summary>"64 ms (budget 205)" for the first cut with a latency, "no cut" for none: the form the docs' last column uses.</summary>
    private static string Measured(Report.SimulationReport report)
    {
        var cut = report.Cuts.FirstOrDefault(c => c.LatencyMilliseconds is not null);
        if (cut is null)
        {
            return "no cut";
        }

        var bound = cut.Reason == "KeepAliveHoldExpired" ? "hold time" : "budget";
        return $"{cut.LatencyMilliseconds} ms ({bound} {cut.BudgetMilliseconds})";
    }

    /// <summary>Scenario name → the figure of its last column, normalised ("none; completed …" → "no cut").</summary>
    private static Dictionary<string, string> ScenarioRows()
    {
        var doc = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "simulator.md"));
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in doc.SkipWhile(l => !l.StartsWith("| scenario | what happens |", StringComparison.Ordinal)).Skip(2).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = line.Split('|').Select(c => c.Trim()).ToArray();
            var last = cells[^2];
            var figure = Figure().Match(last);
            rows.Add(cells[1], figure.Success ? figure.Value : last.StartsWith("no", StringComparison.Ordinal) ? "no cut" : last);
        }

        return rows;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChamberFirmware.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("ChamberFirmware.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"simulator, `(?<name>[a-z-]+)`: (?<latency>\d+) ms, budget (?<budget>\d+)")]
    private static partial Regex SafetyQuote();

    [GeneratedRegex(@"\d+ ms \((budget|hold time) \d+\)")]
    private static partial Regex Figure();
}
