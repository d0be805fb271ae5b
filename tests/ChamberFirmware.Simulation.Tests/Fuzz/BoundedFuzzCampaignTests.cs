using System.Linq;
using ChamberFirmware.Simulation.Engine;
using ChamberFirmware.Simulation.Firmware;
using ChamberFirmware.Simulation.Fuzz;
using ChamberFirmware.Simulation.Tests.Safety;
using Xunit;

namespace ChamberFirmware.Simulation.Tests.Fuzz;

public sealed class BoundedFuzzCampaignTests
{
    private static readonly string[] FrozenFaults = ["counter-stuck-value", "temperature-stuck-value", "temperature-frozen-sequence"];

    [Fact]
    public void Twenty_seeds_of_sixty_simulated_seconds_keep_the_safety_invariant()
    {
        var outcomes = FuzzCampaign.Run(1, 20, 60_000);

        Assert.Equal(20, outcomes.Count);
        Assert.All(outcomes, o => Assert.Equal(60_000, o.Ticks));
        var failures = outcomes.Where(o => !o.Passed).Select(o => $"seed {o.Seed}: {o.Violations[0].Detail}").ToList();
        Assert.Empty(failures);
        // The campaign exercised the cut paths, not only quiet idling.
        Assert.True(outcomes.Sum(o => o.Cuts) >= 20, $"only {outcomes.Sum(o => o.Cuts)} cuts in 20 seeds");
    }

    [Fact]
    public void The_default_pool_includes_the_sensors_frozen_at_a_plausible_value()
    {
        string[] pool = FuzzRunner.PoolNames(FuzzFaultPool.Detectable);

        Assert.Empty(FrozenFaults.Except(pool));
        Assert.Equal(FuzzRunner.PoolNames(FuzzFaultPool.All).OrderBy(n => n), pool.OrderBy(n => n));
    }

    [Fact]
    public void The_full_fault_pool_finds_no_violation_over_a_bounded_campaign()
    {
        // Seeds 1..30 include those (3 and 22) that found frozen-sensor violations before the
        // supervisor's frozen-value rules existed.
        var outcomes = FuzzCampaign.Run(1, 30, 60_000, FuzzFaultPool.All);

        var failures = outcomes.Where(o => !o.Passed).Select(o => $"seed {o.Seed}: {o.Violations[0].Detail}").ToList();
        Assert.Empty(failures);
    }

    [Fact]
    public void The_fuzzer_can_fail_a_firmware_that_ignores_its_cuts()
    {
        var broken = new SimulationSetup
        {
            Firmware = (board, storage, nonces, identity) => new IgnoresCutsFirmware(board, new RuntimeFirmware(board, storage, nonces, identity)),
        };

        var outcomes = FuzzCampaign.Run(1, 10, 60_000, FuzzFaultPool.All, broken);

        var failed = outcomes.Where(o => !o.Passed).ToList();
        Assert.NotEmpty(failed);
        Assert.All(failed, o => Assert.NotEmpty(o.ShortTrace));
        Assert.All(failed, o => Assert.True(o.ShortTrace.Count <= FuzzRunner.ShortTraceEvents));
    }
}
