using System;
using System.Collections.Generic;
using System.Linq;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Simulation.Engine;
using ChamberFirmware.Simulation.Report;

namespace ChamberFirmware.Simulation.Scenarios;

/// <summary>Steps and checks the scenarios share.</summary>
public static class ScenarioScript
{
    /// <summary>The profile the scenarios treat with: hold 10 000 bots, cut at 50 000 or above 300 ‰/s growth.</summary>
    public static TreatmentProfile StandardProfile(int durationMilliseconds = 20_000, int maxActiveChannels = 8) => new()
    {
        TargetCount = 10_000,
        CountLimit = 50_000,
        GrowthLimitPermillePerSecond = 300,
        DurationMilliseconds = durationMilliseconds,
        RampChannelsPerSecond = 2,
        MaxActiveChannels = maxActiveChannels,
    };

    /// <summary>Connects, heartbeats, arms, waits for the self-test, starts. Throws with the reason if the chamber will not start.</summary>
    public static void StartTreatment(ChamberSimulation simulation, TreatmentProfile profile)
    {
        Require(simulation.Connect(), "connect");
        simulation.SetHeartbeats(true);
        simulation.AdvanceMilliseconds(300);
        Require(simulation.Arm(profile), "arm");
        if (!simulation.AdvanceUntil(s => s.State == ChamberState.Armed, 1_000))
        {
            throw new InvalidOperationException($"the chamber did not arm (state {simulation.State})");
        }

        Require(simulation.Start(), "start");
    }

    public static CriterionResult Criterion(string name, bool passed, string detail) => new(name, passed, detail);

    /// <summary>The first cut carries <paramref name="reason"/>, and the bank went unpowered within that hazard's budget.</summary>
    public static IEnumerable<CriterionResult> CutWithinBudget(ChamberSimulation simulation, CutReasons reason, string hazard)
    {
        var cut = simulation.Cuts.FirstOrDefault();
        yield return Criterion($"cut for {reason}", cut is not null && cut.Reason.Split('|').Contains(reason.ToString()),
            cut is null ? "no cut" : $"first cut: {cut.Reason} at {cut.AtMilliseconds} ms");
        yield return Criterion($"hazard is {hazard}", cut?.Hazard == hazard, $"ground-truth hazard at the cut: {cut?.Hazard ?? "none"}");
        yield return Criterion("bank unpowered within the detection budget", cut?.WithinBudget == true,
            cut is null ? "no cut" : $"latency {Ms(cut.LatencyMilliseconds)} against a budget of {Ms(cut.BudgetMilliseconds)}");
    }

    public static CriterionResult EndsIn(ChamberSimulation simulation, ChamberState state) =>
        Criterion($"ends in {state}", simulation.State == state, $"final state {simulation.State}");

    public static string Ms(long? value) => value is { } v ? $"{v} ms" : "n/a";

    private static void Require(Console.ConsoleReply reply, string what)
    {
        if (!reply.IsOk)
        {
            throw new InvalidOperationException($"{what} refused: {reply}");
        }
    }
}
