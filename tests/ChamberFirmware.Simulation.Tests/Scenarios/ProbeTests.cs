using ChamberFirmware.Simulation.Fuzz;
using Xunit;
using Xunit.Abstractions;

namespace ChamberFirmware.Simulation.Tests.Scenarios;

public sealed class ProbeTests(ITestOutputHelper output)
{
    [Fact]
    public void Probe()
    {
        var outcomes = FuzzCampaign.Run(1, 100, 60_000);
        foreach (var o in outcomes)
        {
            if (!o.Passed)
            {
                output.WriteLine($"seed {o.Seed}: {o.Violations[0].Invariant} {o.Violations[0].AtMilliseconds} {o.Violations[0].Detail}");
                foreach (var e in o.ShortTrace) output.WriteLine($"    {e.AtMilliseconds} {e.What}");
            }
        }
        output.WriteLine($"seeds {outcomes.Count} failed {System.Linq.Enumerable.Count(outcomes, o => !o.Passed)} cuts {System.Linq.Enumerable.Sum(outcomes, o => o.Cuts)}");
    }
}
