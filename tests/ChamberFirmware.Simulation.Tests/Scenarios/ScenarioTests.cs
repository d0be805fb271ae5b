using System.IO;
using System.Linq;
using System.Text.Json;
using ChamberCtl.Commands;
using ChamberFirmware.Simulation.Scenarios;
using Xunit;

namespace ChamberFirmware.Simulation.Tests.Scenarios;

public sealed class ScenarioTests
{
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var scenario in ScenarioCatalog.All)
        {
            data.Add(scenario.Name);
        }

        return data;
    }

    [Fact]
    public void The_catalog_has_every_required_scenario()
    {
        string[] required = ["treatment", "rogue-replication", "link-loss", "sensor-stuck", "counter-frozen", "temperature-frozen", "sensor-nack", "sensor-crc", "emitter-stuck-on",
            "over-temperature", "firmware-hang", "unauthorized-update", "replay-attack"];
        Assert.Empty(required.Except(ScenarioCatalog.All.Select(s => s.Name)));
        Assert.All(ScenarioCatalog.All, s => Assert.NotEmpty(s.PassCriteria));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_scenario_passes_and_reports_one_json_object(string name)
    {
        var output = new StringWriter();
        int exit = SimCommand.RunScenario(ScenarioCatalog.Find(name)!, 7, json: true, output, new StringWriter());

        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        Assert.Equal(name, root.GetProperty("scenario").GetString());
        Assert.Equal(7, root.GetProperty("seed").GetInt32());
        Assert.True(root.GetProperty("ticks").GetInt64() > 1_000);
        Assert.True(root.GetProperty("simulatedSeconds").GetDouble() > 1);
        Assert.Equal(0, root.GetProperty("invariantViolations").GetArrayLength());
        Assert.Equal(0, root.GetProperty("unsafeExposureMs").GetInt64());
        Assert.True(root.TryGetProperty("maxCount", out _));
        Assert.True(root.TryGetProperty("finalState", out _));
        Assert.All(root.GetProperty("criteria").EnumerateArray(), c => Assert.True(c.GetProperty("passed").GetBoolean(), c.GetProperty("name").GetString() + ": " + c.GetProperty("detail").GetString()));
        Assert.True(root.GetProperty("passed").GetBoolean());
        Assert.Equal(0, exit);
    }

    [Theory]
    [InlineData("rogue-replication", "RunawayGrowth")]
    [InlineData("link-loss", "LinkLost")]
    [InlineData("sensor-stuck", "SensorFault")]
    [InlineData("counter-frozen", "SensorFault")]
    [InlineData("temperature-frozen", "SensorFault")]
    [InlineData("sensor-nack", "SensorFault")]
    [InlineData("sensor-crc", "SensorFault")]
    [InlineData("emitter-stuck-on", "EmitterMismatch")]
    [InlineData("over-temperature", "OverTemperature")]
    [InlineData("firmware-hang", "KeepAliveHoldExpired")]
    public void Hazard_scenarios_cut_for_their_reason_with_a_measured_latency_inside_the_budget(string name, string reason)
    {
        var report = ScenarioRunner.Run(ScenarioCatalog.Find(name)!, 3);

        var cut = Assert.Single(report.Cuts, c => c.Reason.Split('|').Contains(reason));
        Assert.NotNull(cut.Hazard);
        Assert.NotNull(cut.LatencyMilliseconds);
        Assert.InRange(cut.LatencyMilliseconds!.Value, 0, cut.BudgetMilliseconds!.Value);
    }

    [Fact]
    public void Rogue_replication_is_cut_on_growth_long_before_the_count_limit_and_the_ceiling()
    {
        var report = ScenarioRunner.Run(ScenarioCatalog.Find("rogue-replication")!, 11);

        Assert.Equal("RunawayGrowth", report.Cuts[0].Reason);
        Assert.True(report.MaxCountWhilePowered < ScenarioScript.StandardProfile().CountLimit / 2, $"max count while powered {report.MaxCountWhilePowered}");
    }

    [Fact]
    public void A_treatment_has_no_cut_and_completes()
    {
        var report = ScenarioRunner.Run(new TreatmentScenario(), 5);

        Assert.Empty(report.Cuts);
        Assert.Equal("Completed", report.FinalState);
    }
}
