namespace ChamberFirmware.Simulation.Report;

/// <summary>
/// One cut: the supervisor's reasons (or the hardware hold circuit's, for a hung firmware), when it
/// latched, and the latency from the ground-truth hazard to the bank truly unpowered.
/// </summary>
public sealed class CutRecord
{
    /// <summary>CutReasons names joined with '|' (e.g. "RunawayGrowth"), or "KeepAliveHoldExpired" for the hardware path.</summary>
    public required string Reason { get; init; }

    /// <summary>The same reasons in plain words.</summary>
    public required string Words { get; init; }

    /// <summary>When the supervisor latched the cut (or the hold circuit dropped the bank).</summary>
    public required long AtMilliseconds { get; init; }

    /// <summary>The ground-truth hazard that was active earliest at the cut, or null when none was.</summary>
    public string? Hazard { get; init; }

    public long? HazardAtMilliseconds { get; init; }

    public long? BudgetMilliseconds { get; init; }

    /// <summary>From the hazard's onset (the cut when there was none) to the bank truly unpowered; null while still powered.</summary>
    public long? LatencyMilliseconds { get; set; }

    /// <summary>From the hazard's onset to no emitter truly emitting.</summary>
    public long? EmittersOffLatencyMilliseconds { get; set; }

    public bool? WithinBudget => LatencyMilliseconds is { } latency && BudgetMilliseconds is { } budget ? latency <= budget : null;

    internal long OriginMicroseconds { get; init; }
}
