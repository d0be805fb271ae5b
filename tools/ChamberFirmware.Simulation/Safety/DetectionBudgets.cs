using ChamberFirmware.Core.Runtime;
using ChamberFirmware.Core.Safety;

namespace ChamberFirmware.Simulation.Safety;

/// <summary>
/// How long each hazard may exist before no emitter may be truly powered: detection by the
/// supervisor plus the interlock's hold time (a cut stops the keep-alive; the bank drops at most
/// one hold time after the last edge). Derived from the firmware's own timing constants, so a
/// change there moves the budget with it. docs/simulator.md lists them with their arithmetic.
/// </summary>
public static class DetectionBudgets
{
    public const long TickMicroseconds = SafetyTiming.PeriodMicroseconds;
    public const long HoldMicroseconds = SafetyTiming.InterlockHoldMicroseconds;

    /// <summary>Counter conversion (5 ms) + one tick to read it + one tick of measurement noise around the limit + hold.</summary>
    public const long OvercountMicroseconds = 5_000 + 2 * TickMicroseconds + HoldMicroseconds;

    /// <summary>
    /// Rogue replication: the growth estimator needs a full window of accepted samples (16 ticks)
    /// before its rate is valid and a half window for a step in rate to show, plus one tick and hold.
    /// </summary>
    public const long RunawayMicroseconds = (GrowthRateEstimator.WindowSize + 2) * TickMicroseconds + HoldMicroseconds;

    /// <summary>Counter faults: freshness window, frozen-sequence repeats, one tick, hold.</summary>
    public const long CounterFaultMicroseconds = SafetyTiming.CounterFreshnessMicroseconds + TickMicroseconds + HoldMicroseconds;

    /// <summary>
    /// Counter frozen at a plausible value: FrozenCountSamples reads (one per tick) carrying the same
    /// count, one tick, hold. 20 × 10 + 10 + 25 = 235 ms.
    /// </summary>
    public const long CounterValueFrozenMicroseconds = SafetyTiming.FrozenCountSamples * TickMicroseconds + TickMicroseconds + HoldMicroseconds;

    /// <summary>The runtime reads the temperature sensor every this many microseconds.</summary>
    public const long TemperatureReadPeriodMicroseconds = RuntimeTiming.TemperatureEveryTicks * TickMicroseconds;

    /// <summary>Temperature sensor faults: the slow part's freshness window, one read period, one tick, hold.</summary>
    public const long TemperatureFaultMicroseconds = SafetyTiming.TemperatureFreshnessMicroseconds + TemperatureReadPeriodMicroseconds + TickMicroseconds + HoldMicroseconds;

    /// <summary>Temperature frozen at a plausible value: the frozen window, one read period, one tick, hold (5 085 ms).</summary>
    public const long TemperatureValueFrozenMicroseconds = SafetyTiming.TemperatureFrozenMicroseconds + TemperatureReadPeriodMicroseconds + TickMicroseconds + HoldMicroseconds;

    /// <summary>Over-temperature: one read period, one 15.5 ms conversion plus LSB truncation at the limit (a few conversions while rising), one tick, hold.</summary>
    public const long OverTemperatureMicroseconds = TemperatureReadPeriodMicroseconds + 4 * 15_500 + TickMicroseconds + HoldMicroseconds;

    /// <summary>Stuck-on emitter: read-back settles one tick after a change, mismatch seen the tick after, then hold.</summary>
    public const long EmitterStuckOnMicroseconds = 3 * TickMicroseconds + HoldMicroseconds;

    /// <summary>Hung firmware: the keep-alive stops; the hold circuit alone drops the bank within its hold time.</summary>
    public const long FirmwareHangMicroseconds = HoldMicroseconds;

    /// <summary>Link loss: the configured timeout after the last heartbeat (which precedes the drop), one tick to notice, hold.</summary>
    public static long LinkLostMicroseconds(long linkTimeoutMicroseconds) => linkTimeoutMicroseconds + TickMicroseconds + HoldMicroseconds;

    /// <summary>A latched SafeStop must reach the hardware: the tick that latched it, then the hold time.</summary>
    public const long SafeStopDeenergiseMicroseconds = TickMicroseconds + HoldMicroseconds;

    public static long For(HazardKind kind, long linkTimeoutMicroseconds) => kind switch
    {
        HazardKind.Overcount => OvercountMicroseconds,
        HazardKind.RunawayReplication => RunawayMicroseconds,
        HazardKind.LinkLost => LinkLostMicroseconds(linkTimeoutMicroseconds),
        HazardKind.CounterFault => CounterFaultMicroseconds,
        HazardKind.TemperatureSensorFault => TemperatureFaultMicroseconds,
        HazardKind.CounterValueFrozen => CounterValueFrozenMicroseconds,
        HazardKind.TemperatureValueFrozen => TemperatureValueFrozenMicroseconds,
        HazardKind.OverTemperature => OverTemperatureMicroseconds,
        HazardKind.EmitterStuckOn => EmitterStuckOnMicroseconds,
        HazardKind.FirmwareHang => FirmwareHangMicroseconds,
        _ => HoldMicroseconds,
    };
}
