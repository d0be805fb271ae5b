using System.IO;
using ChamberCtl;
using ChamberCtl.Commands;
using ChamberFirmware.Simulation.Engine;
using ChamberFirmware.Simulation.Firmware;
using ChamberFirmware.Simulation.Fuzz;
using ChamberFirmware.Simulation.Hosting;
using ChamberFirmware.Simulation.Tests.Safety;
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
        // The real firmware keeps the invariant on every seed tried, so run the CLI's fuzz path on a
        // test-only firmware that ignores its cuts: the report must still name seed, violation and trace.
        var broken = new SimulationSetup
        {
            Firmware = (board, storage, nonces, identity) => new IgnoresCutsFirmware(board, new RuntimeFirmware(board, storage, nonces, identity)),
        };
        var output = new StringWriter();
        int exit = SimCommand.RunFuzz(SeedRange.Parse("3..3"), 60_000, FuzzFaultPool.All, json: false, output, new StringWriter(), broken);

        Assert.Equal(1, exit);
        Assert.Contains("seed 3: SAFETY INVARIANT VIOLATED", output.ToString());
        Assert.Contains("reproduce: chamberctl sim --fuzz --seeds 3..3", output.ToString());
        Assert.Contains("events before the violation", output.ToString());
    }

    [Fact]
    public void Live_mode_with_json_prints_exactly_one_json_object_on_stdout_and_the_banner_on_stderr()
    {
        var keyFolder = Path.Combine(Path.GetTempPath(), "chamberctl-sim-json-" + System.Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, output, error) = Run("sim", "--json", "--speed", "max", "--duration", "2s", "--link-port", "0", "--diag-port", "0", "--key-file", Path.Combine(keyFolder, "link.key"));

            Assert.True(exit == 0, error);
            using var json = System.Text.Json.JsonDocument.Parse(output);
            Assert.Equal("live", json.RootElement.GetProperty("scenario").GetString());
            Assert.StartsWith("{", output.TrimStart(), System.StringComparison.Ordinal);
            Assert.EndsWith("}", output.TrimEnd(), System.StringComparison.Ordinal);
            Assert.Contains("console link: tcp://127.0.0.1:", error, System.StringComparison.Ordinal);
            Assert.Contains("field diagnostics page:", error, System.StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(keyFolder))
            {
                Directory.Delete(keyFolder, recursive: true);
            }
        }
    }
}
