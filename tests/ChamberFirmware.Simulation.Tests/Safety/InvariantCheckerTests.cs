using System.Linq;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Simulation.Engine;
using ChamberFirmware.Simulation.Firmware;
using ChamberFirmware.Simulation.Scenarios;
using ChamberFirmware.Simulation.Safety;
using Xunit;

namespace ChamberFirmware.Simulation.Tests.Safety;

public sealed class InvariantCheckerTests
{
    private static readonly SimulationSetup Broken = new()
    {
        Firmware = (board, storage, nonces, identity) => new IgnoresCutsFirmware(board, new RuntimeFirmware(board, storage, nonces, identity)),
    };

    [Theory]
    [InlineData("rogue-replication")]
    [InlineData("emitter-stuck-on")]
    [InlineData("sensor-nack")]
    public void A_firmware_that_ignores_a_cut_fails_the_invariant_and_the_scenario(string name)
    {
        var report = ScenarioRunner.Run(ScenarioCatalog.Find(name)!, 3, Broken);

        Assert.False(report.Passed, string.Join(" | ", report.InvariantViolations.Select(v => v.Invariant + ":" + v.Detail)) + " cuts " + string.Join(",", report.Cuts.Select(c => c.Reason + "@" + c.AtMilliseconds)));
        Assert.True(report.InvariantViolations.Any(v => v.Invariant == SafetyInvariant.SafeStopDeenergised), string.Join(" | ", report.InvariantViolations.Select(v => v.Invariant + ":" + v.Detail)) + " cuts " + string.Join(",", report.Cuts.Select(c => c.Reason + "@" + c.AtMilliseconds)) + " final " + report.FinalState);
        Assert.True(report.InvariantViolations.Any(v => v.Invariant == SafetyInvariant.HazardWithinBudget), string.Join(" | ", report.InvariantViolations.Select(v => v.Invariant + ":" + v.Detail)));
        Assert.True(report.UnsafeExposureMilliseconds > 100);
    }

    [Fact]
    public void Rogue_replication_with_cuts_ignored_reaches_the_ceiling_with_emitters_powered()
    {
        var simulation = new ChamberSimulation(Broken with { Seed = 9 });
        ScenarioScript.StartTreatment(simulation, ScenarioScript.StandardProfile(durationMilliseconds: 60_000));
        simulation.AdvanceMilliseconds(5_000);
        simulation.InjectFault("rogue-replication");
        simulation.AdvanceMilliseconds(40_000);

        Assert.Contains(simulation.Invariants.Violations, v => v.Invariant == SafetyInvariant.CeilingNeverPowered);
        Assert.True(simulation.MaxCount >= HardLimits.CountCeiling);
    }

    [Fact]
    public void The_real_firmware_in_the_same_runs_has_no_violation()
    {
        var report = ScenarioRunner.Run(ScenarioCatalog.Find("rogue-replication")!, 3);

        Assert.True(report.Passed);
        Assert.Empty(report.InvariantViolations);
    }

    [Fact]
    public void The_checker_flags_power_past_a_hazard_budget_and_counts_the_exposure()
    {
        var hazards = new HazardTracker();
        var checker = new InvariantChecker();
        hazards.Set(HazardKind.LinkLost, true, 0, 100_000);
        for (long t = 0; t <= 150_000; t += 1_000)
        {
            checker.Check(t, 0b1, 1_000, SupervisorMode.Ready, hazards);
        }

        var violation = Assert.Single(checker.Violations);
        Assert.Equal(SafetyInvariant.HazardWithinBudget, violation.Invariant);
        Assert.Equal(101, violation.AtMilliseconds);
        Assert.Equal(50, checker.UnsafeExposureMilliseconds);
    }

    [Fact]
    public void No_power_means_no_violation_whatever_the_hazards()
    {
        var hazards = new HazardTracker();
        var checker = new InvariantChecker();
        hazards.Set(HazardKind.FirmwareHang, true, 0, 1_000);
        for (long t = 0; t <= 500_000; t += 1_000)
        {
            checker.Check(t, 0, HardLimits.CountCeiling * 2L, SupervisorMode.SafeStop, hazards);
        }

        Assert.Empty(checker.Violations);
        Assert.Equal(0, checker.UnsafeExposureMilliseconds);
        Assert.Equal(501, checker.Checks);
    }
}
