using System.Collections.Generic;

namespace ChamberFirmware.Simulation.Fuzz;

/// <summary>
/// Faults left out of the default fuzz pool because the supervisor cannot see them. None are left:
/// a counter or thermometer frozen at a plausible value (counter-stuck-value, temperature-stuck-value,
/// temperature-frozen-sequence) is caught by the supervisor's frozen-value rules (docs/safety.md),
/// so the default pool and <see cref="FuzzFaultPool.All"/> are the same. Kept so a future fault
/// that is known to be invisible is excluded here, by name, with a reason.
/// </summary>
public static class FuzzFaults
{
    public static readonly IReadOnlySet<string> Undetectable = new HashSet<string>();
}
