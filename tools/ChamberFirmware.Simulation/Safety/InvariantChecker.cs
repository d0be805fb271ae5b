using System;
using System.Collections.Generic;
using ChamberFirmware.Core.Safety;

namespace ChamberFirmware.Simulation.Safety;

/// <summary>
/// Checks <see cref="SafetyInvariant"/> every simulated millisecond. Records the first violation of
/// each part (with the ground truth at that moment), counts the milliseconds of unsafe exposure
/// (emitters powered beyond a hazard's budget) and the largest count seen with emitters powered.
/// </summary>
public sealed class InvariantChecker
{
    private readonly List<InvariantViolation> _violations = new();
    private readonly bool[] _seen = new bool[Enum.GetValues<SafetyInvariant>().Length];
    private long _safeStopSince = -1;

    public IReadOnlyList<InvariantViolation> Violations => _violations;

    /// <summary>Milliseconds in which an emitter was powered while a hazard was past its budget.</summary>
    public long UnsafeExposureMilliseconds { get; private set; }

    public long MaxCountWhilePowered { get; private set; }

    /// <summary>Total checks (one per simulated millisecond).</summary>
    public long Checks { get; private set; }

    /// <summary>Raised once per part, on its first violation.</summary>
    public event Action<InvariantViolation>? Violated;

    public void Check(long now, int poweredMask, long trueCount, SupervisorMode mode, HazardTracker hazards)
    {
        Checks++;
        _safeStopSince = mode == SupervisorMode.SafeStop ? (_safeStopSince < 0 ? now : _safeStopSince) : -1;
        if (poweredMask == 0)
        {
            return;
        }

        if (trueCount > MaxCountWhilePowered)
        {
            MaxCountWhilePowered = trueCount;
        }

        HazardKind? overdue = hazards.Overdue(now);
        if (overdue is { } kind)
        {
            UnsafeExposureMilliseconds++;
            if (!_seen[(int)SafetyInvariant.HazardWithinBudget])
            {
                Record(SafetyInvariant.HazardWithinBudget, now,
                    $"emitters 0x{poweredMask:X2} powered {(now - hazards.OnsetMicroseconds(kind)) / 1000} ms after {kind} began (budget {hazards.BudgetMicroseconds(kind) / 1000} ms)");
            }
        }

        if (_safeStopSince >= 0 && now - _safeStopSince > DetectionBudgets.SafeStopDeenergiseMicroseconds && !_seen[(int)SafetyInvariant.SafeStopDeenergised])
        {
            Record(SafetyInvariant.SafeStopDeenergised, now, $"emitters 0x{poweredMask:X2} powered {(now - _safeStopSince) / 1000} ms into a latched SafeStop");
        }

        if (trueCount >= HardLimits.CountCeiling && !_seen[(int)SafetyInvariant.CeilingNeverPowered])
        {
            Record(SafetyInvariant.CeilingNeverPowered, now,
                $"true count {trueCount} at or above the hard ceiling {HardLimits.CountCeiling} with emitters 0x{poweredMask:X2} powered");
        }
    }

    public void Reset()
    {
        _violations.Clear();
        Array.Clear(_seen);
        _safeStopSince = -1;
        UnsafeExposureMilliseconds = 0;
        MaxCountWhilePowered = 0;
        Checks = 0;
    }

    /// <summary>Called only on a first violation (the text is built only then: the check itself allocates nothing).</summary>
    private void Record(SafetyInvariant invariant, long now, string detail)
    {
        _seen[(int)invariant] = true;
        var violation = new InvariantViolation(invariant, now / 1000, detail);
        _violations.Add(violation);
        Violated?.Invoke(violation);
    }
}
