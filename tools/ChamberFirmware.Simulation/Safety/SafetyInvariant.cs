namespace ChamberFirmware.Simulation.Safety;

/// <summary>
/// The safety invariant, in parts, checked on every simulated millisecond against ground truth
/// ("powered" = an emitter truly emitting: its driver on and the bank supply up).
/// </summary>
public enum SafetyInvariant
{
    /// <summary>No emitter powered once any hazard has persisted longer than its detection budget.</summary>
    HazardWithinBudget,
    /// <summary>No emitter powered while SafeStop has been latched longer than one tick plus the hold time.</summary>
    SafeStopDeenergised,
    /// <summary>The true count never reaches the hard ceiling while an emitter is powered.</summary>
    CeilingNeverPowered,
}
