using System.Collections.Generic;
using ChamberFirmware.Simulation.Engine;
using ChamberFirmware.Simulation.Safety;

namespace ChamberFirmware.Simulation.Fuzz;

/// <summary>One fuzzed seed: how far it ran, what it cut, and the first violation with the events leading to it.</summary>
public sealed record FuzzOutcome(
    int Seed,
    long Ticks,
    int Cuts,
    long MaxCount,
    IReadOnlyList<InvariantViolation> Violations,
    IReadOnlyList<TraceEvent> ShortTrace)
{
    public bool Passed => Violations.Count == 0;
}
