using ChamberFirmware.Simulation.Fuzz;
using ChamberFirmware.Simulation.Report;
using ChamberFirmware.Simulation.Scenarios;
using Xunit;

namespace ChamberFirmware.Simulation.Tests.Scenarios;

public sealed class DeterminismTests
{
    [Theory]
    [InlineData("rogue-replication")]
    [InlineData("replay-attack")]
    [InlineData("treatment")]
    public void The_same_seed_gives_the_same_json_twice(string name)
    {
        var scenario = ScenarioCatalog.Find(name)!;

        string first = ReportJson.Write(ScenarioRunner.Run(scenario, 424242));
        string second = ReportJson.Write(ScenarioRunner.Run(scenario, 424242));

        Assert.Equal(first, second);
    }

    [Fact]
    public void A_different_seed_gives_a_different_run()
    {
        var scenario = ScenarioCatalog.Find("treatment")!;

        string a = ReportJson.Write(ScenarioRunner.Run(scenario, 1));
        string b = ReportJson.Write(ScenarioRunner.Run(scenario, 2));

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void A_fuzzed_seed_replays_event_for_event()
    {
        var first = FuzzRunner.Run(17, 20_000);
        var second = FuzzRunner.Run(17, 20_000);
        var other = FuzzRunner.Run(18, 20_000);

        Assert.Equal(first.ShortTrace, second.ShortTrace);
        Assert.Equal(first.MaxCount, second.MaxCount);
        Assert.NotEqual(first.ShortTrace, other.ShortTrace);
    }
}
