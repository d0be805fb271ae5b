namespace ChamberFirmware.Hal.Simulated.Plant
{

/// <summary>
/// Figures of the virtual chamber. Rates are parts per billion of the population per
/// millisecond (30 000 ppb/ms = 3 %/s). The defaults give, with all 8 channels powered, about
/// +20 %/s net growth; with none, a half-life of about 20 s; in rogue mode about +36 %/s with every
/// emitter off. Temperature: each powered channel adds 1 °C at equilibrium, time constant 50 s.
/// </summary>
public sealed class PlantParameters
{
    public long InitialCount { get; init; } = 2_000;

    /// <summary>± spread of the initial count drawn from the seed, per-mille.</summary>
    public int InitialCountSpreadPermille { get; init; } = 50;

    public long GrowthPpbPerMillisecondPerChannel { get; init; } = 30_000;

    /// <summary>Natural deactivation, always at work.</summary>
    public long DecayPpbPerMillisecond { get; init; } = 35_000;

    /// <summary>Self-sustained replication in rogue mode, independent of the emitters.</summary>
    public long RogueGrowthPpbPerMillisecond { get; init; } = 400_000;

    /// <summary>Replication stops here (the chamber is saturated).</summary>
    public long CarryingCapacity { get; init; } = 10_000_000_000;

    public long AmbientMilliCelsius { get; init; } = 36_000;

    /// <summary>± spread of the ambient temperature drawn from the seed, m°C.</summary>
    public int AmbientSpreadMilliCelsius { get; init; } = 300;

    /// <summary>Heating per powered channel, µ°C per millisecond (20 = 1 °C at equilibrium with a 50 s time constant).</summary>
    public long HeatingMicroCelsiusPerMillisecondPerChannel { get; init; } = 20;

    public long CoolingTimeConstantMilliseconds { get; init; } = 50_000;

    /// <summary>Counter measurement noise, ± per-mille of the count.</summary>
    public int CounterNoisePermille { get; init; } = 1;
}
}
