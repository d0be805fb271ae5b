using System.Collections.Generic;
using ChamberFirmware.Simulation.Safety;

namespace ChamberFirmware.Simulation.Report;

/// <summary>Everything a run reports (the --json object). Deterministic: no wall-clock figures in it.</summary>
public sealed class SimulationReport
{
    public required string Scenario { get; init; }

    public required int Seed { get; init; }

    /// <summary>Simulated milliseconds stepped (one invariant check each).</summary>
    public required long Ticks { get; init; }

    /// <summary>Supervisor periods run (10 ms each, fewer than Ticks / 10 if the firmware hung).</summary>
    public required long SupervisorSteps { get; init; }

    public required double SimulatedSeconds { get; init; }

    public required IReadOnlyList<CutRecord> Cuts { get; init; }

    public required long MaxCount { get; init; }

    public required long MaxCountWhilePowered { get; init; }

    public required long UnsafeExposureMilliseconds { get; init; }

    public required IReadOnlyList<InvariantViolation> InvariantViolations { get; init; }

    public required string FinalState { get; init; }

    public required IReadOnlyList<CriterionResult> Criteria { get; init; }

    public required IReadOnlyDictionary<string, int> LinkRejects { get; init; }

    public bool Passed
    {
        get
        {
            if (InvariantViolations.Count > 0)
            {
                return false;
            }

            foreach (var criterion in Criteria)
            {
                if (!criterion.Passed)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
