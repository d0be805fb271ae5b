using System;
using System.Collections.Generic;
using ChamberFirmware.Simulation.Engine;

namespace ChamberFirmware.Simulation.Fuzz;

/// <summary>A range of seeds, each fuzzed for the same simulated duration.</summary>
public static class FuzzCampaign
{
    public static IReadOnlyList<FuzzOutcome> Run(int firstSeed, int lastSeed, long durationMilliseconds, FuzzFaultPool pool = FuzzFaultPool.Detectable,
        SimulationSetup? baseSetup = null, Action<FuzzOutcome>? progress = null)
    {
        if (lastSeed < firstSeed)
        {
            throw new ArgumentException($"seed range {firstSeed}..{lastSeed} is empty");
        }

        var outcomes = new List<FuzzOutcome>();
        for (long seed = firstSeed; seed <= lastSeed; seed++)
        {
            var outcome = FuzzRunner.Run((int)seed, durationMilliseconds, pool, baseSetup);
            outcomes.Add(outcome);
            progress?.Invoke(outcome);
        }

        return outcomes;
    }
}
