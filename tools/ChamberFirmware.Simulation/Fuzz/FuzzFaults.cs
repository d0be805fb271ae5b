using System.Collections.Generic;

namespace ChamberFirmware.Simulation.Fuzz;

/// <summary>
/// Faults left out of the default fuzz pool because the current supervisor cannot see them: a
/// sensor that keeps answering well-formed, "new" readings frozen at a plausible value. The fuzzer
/// finds them at once with <see cref="FuzzFaultPool.All"/> (docs/simulator.md, "Known gaps").
/// </summary>
public static class FuzzFaults
{
    public static readonly IReadOnlySet<string> Undetectable = new HashSet<string>
    {
        // Value frozen, sequence advancing: every reading passes every check.
        "counter-stuck-value",
        "temperature-stuck-value",
        // The simulated TMP117 hung with DATA_READY already latched keeps it latched: the same
        // value reads as new forever (the part has no sequence number to give it away).
        "temperature-frozen-sequence",
    };
}
