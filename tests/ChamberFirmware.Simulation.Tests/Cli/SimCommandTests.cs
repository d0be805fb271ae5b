using System.IO;
using ChamberCtl;
using ChamberFirmware.Simulation.Scenarios;
using Xunit;

namespace ChamberFirmware.Simulation.Tests.Cli;

public sealed class SimCommandTests
{
    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = ChamberCtlApp.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void List_scenarios_names_every_scenario_with_its_criteria()
    {
        var (exit, output, _) = Run("sim", "--list-scenarios");

        Assert.Equal(0, exit);
        foreach (var scenario in ScenarioCatalog.All)
        {
            Assert.Contains(scenario.Name + " — ", output);
        }

        Assert.Contains("pass: ", output);
    }

    [Fact]
    public void An_unknown_scenario_is_a_clear_error_with_exit_2()
    {
        var (exit, _, error) = Run("sim", "--scenario", "rogue");

        Assert.Equal(2, exit);
        Assert.Contains("unknown scenario 'rogue'", error);
        Assert.Contains("rogue-replication", error);
    }

    [Theory]
    [InlineData("--speed", "fast", "--speed 'fast'")]
    [InlineData("--speed", "0", "--speed '0'")]
    [InlineData("--speed", "-3", "--speed '-3'")]
    [InlineData("--duration", "ten", "--duration 'ten'")]
    [InlineData("--duration", "0s", "--duration '0s'")]
    public void Bad_speed_or_duration_is_a_clear_error_with_exit_2(string option, string value, string expected)
    {
        var (exit, _, error) = Run("sim", "--scenario", "treatment", option, value);

        Assert.Equal(2, exit);
        Assert.Contains(expected, error);
    }

    [Theory]
    [InlineData("9..3")]
    [InlineData("a..b")]
    [InlineData("1...")]
    public void Bad_seeds_are_a_clear_error_with_exit_2(string seeds)
    {
        var (exit, _, error) = Run("sim", "--fuzz", "--seeds", seeds);

        Assert.Equal(2, exit);
        Assert.Contains($"--seeds '{seeds}'", error);
    }

    [Fact]
    public void A_scenario_run_prints_its_verdict_and_exits_0()
    {
        var (exit, output, _) = Run("sim", "--scenario", "sensor-nack", "--seed", "4");

        Assert.Equal(0, exit);
        Assert.Contains("scenario sensor-nack (seed 4): PASSED", output);
        Assert.Contains("throughput:", output);
    }

    [Fact]
    public void A_short_fuzz_run_prints_a_summary_and_exits_0()
    {
        var (exit, output, _) = Run("sim", "--fuzz", "--seeds", "3..4", "--duration", "5s");

        Assert.Equal(0, exit);
        Assert.Contains("fuzz: 2 seeds (3..4)", output);
        Assert.Contains("0 with violations", output);
    }

    [Fact]
    public void A_fuzz_violation_prints_the_seed_a_short_trace_and_exits_1()
    {
        // The full pool includes faults the supervisor cannot see; seed 3 finds one within 60 s.
        var (exit, output, _) = Run("sim", "--fuzz", "--seeds", "3..3", "--duration", "60s", "--fuzz-faults", "all");

        Assert.Equal(1, exit);
        Assert.Contains("seed 3: SAFETY INVARIANT VIOLATED", output);
        Assert.Contains("reproduce: chamberctl sim --fuzz --seeds 3..3", output);
        Assert.Contains("events before the violation", output);
    }
}
