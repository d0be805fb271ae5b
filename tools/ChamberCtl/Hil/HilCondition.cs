namespace ChamberCtl.Hil;

/// <summary>
/// One injected condition. Only the fields its <see cref="Kind"/> uses are meaningful; the
/// scenario parser guarantees they are set and in range.
/// </summary>
internal sealed record HilCondition(HilConditionKind Kind)
{
    public HilSensorPart Part { get; init; }

    /// <summary>Emitter channel, 0 to HardLimits.EmitterChannels - 1.</summary>
    public int Channel { get; init; }

    /// <summary>How long the condition lasts before the rig lifts it; 0 = until reset.</summary>
    public int ForMilliseconds { get; init; }

    /// <summary>Rogue growth rate, per-mille of the count per second.</summary>
    public int GrowthPermillePerSecond { get; init; }

    public int TemperatureCentiCelsius { get; init; }

    public HilFrameKind Frame { get; init; }
}
