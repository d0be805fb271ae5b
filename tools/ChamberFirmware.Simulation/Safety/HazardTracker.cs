using System;

namespace ChamberFirmware.Simulation.Safety;

/// <summary>
/// Which hazards truly exist now and since when, updated every simulated millisecond from the
/// plant's ground truth and the faults the simulator injected. Allocation-free.
/// </summary>
public sealed class HazardTracker
{
    public static readonly int KindCount = Enum.GetValues<HazardKind>().Length;

    private readonly bool[] _active = new bool[KindCount];
    private readonly long[] _onset = new long[KindCount];
    private readonly long[] _budget = new long[KindCount];

    public bool IsActive(HazardKind kind) => _active[(int)kind];

    /// <summary>When the hazard began (meaningful while active, and kept after it ends).</summary>
    public long OnsetMicroseconds(HazardKind kind) => _onset[(int)kind];

    public long BudgetMicroseconds(HazardKind kind) => _budget[(int)kind];

    /// <summary>Sets whether a hazard exists at <paramref name="now"/>; returns true when it just began.</summary>
    public bool Set(HazardKind kind, bool exists, long now, long budgetMicroseconds)
    {
        int i = (int)kind;
        _budget[i] = budgetMicroseconds;
        if (exists == _active[i])
        {
            return false;
        }

        _active[i] = exists;
        if (exists)
        {
            _onset[i] = now;
        }

        return exists;
    }

    /// <summary>The hazard that has overrun its budget by the most at <paramref name="now"/>, or null.</summary>
    public HazardKind? Overdue(long now)
    {
        HazardKind? worst = null;
        long worstBy = 0;
        for (int i = 0; i < KindCount; i++)
        {
            if (_active[i])
            {
                long by = now - _onset[i] - _budget[i];
                if (by > 0 && (worst is null || by > worstBy))
                {
                    worst = (HazardKind)i;
                    worstBy = by;
                }
            }
        }

        return worst;
    }

    /// <summary>The active hazard with the earliest onset, or null.</summary>
    public HazardKind? Earliest()
    {
        HazardKind? earliest = null;
        for (int i = 0; i < KindCount; i++)
        {
            if (_active[i] && (earliest is null || _onset[i] < _onset[(int)earliest.Value]))
            {
                earliest = (HazardKind)i;
            }
        }

        return earliest;
    }

    public void Reset()
    {
        Array.Clear(_active);
        Array.Clear(_onset);
        Array.Clear(_budget);
    }
}
