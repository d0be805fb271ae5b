using System.Linq;
using ChamberFirmware.Simulation.Fuzz;
using Xunit;

namespace ChamberFirmware.Simulation.Tests.Fuzz;

public sealed class BoundedFuzzCampaignTests
{
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
    public void The_full_fault_pool_finds_the_faults_the_supervisor_cannot_see()
    {
        // Frozen-at-a-plausible-value sensors are documented gaps: the fuzzer must find them (it can fail).
        var outcomes = FuzzCampaign.Run(1, 30, 60_000, FuzzFaultPool.All);

        var failed = outcomes.Where(o => !o.Passed).ToList();
        Assert.NotEmpty(failed);
        Assert.All(failed, o => Assert.NotEmpty(o.ShortTrace));
        Assert.All(failed, o => Assert.True(o.ShortTrace.Count <= FuzzRunner.ShortTraceEvents));
    }
}
