using System;
using System.Collections.Generic;

namespace ChamberFirmware.Hal.Simulated.Faults;

/// <summary>
/// A script of faults in simulated time: "at T apply fault F to part P, clear it at T2". The
/// chamber applies each transition when its clock reaches it, in time order (same time: the
/// order they were added). Transitions in the past when added are applied at the next step.
/// </summary>
public sealed class FaultSchedule
{
    private readonly List<FaultTransition> _transitions = new();
    private readonly int _channelCount;
    private int _next;

    public FaultSchedule(int channelCount)
    {
        _channelCount = channelCount;
    }

    /// <summary>Transitions not yet applied.</summary>
    public int Pending => _transitions.Count - _next;

    /// <summary>Time of the next transition, or long.MaxValue when none is left.</summary>
    public long NextAtMicroseconds => _next < _transitions.Count ? _transitions[_next].AtMicroseconds : long.MaxValue;

    /// <summary>Schedules <paramref name="kind"/> on a part from <paramref name="atMicroseconds"/>, cleared at <paramref name="clearAtMicroseconds"/> if given.</summary>
    public FaultSchedule Add(long atMicroseconds, SimulatedPart part, FaultKind kind, int channel = 0, long? clearAtMicroseconds = null)
    {
        FaultTarget.Check(part, channel, kind, _channelCount);
        ArgumentOutOfRangeException.ThrowIfNegative(atMicroseconds);
        if (clearAtMicroseconds is { } clear && clear < atMicroseconds)
        {
            throw new ArgumentOutOfRangeException(nameof(clearAtMicroseconds), clear, "a fault cannot clear before it starts");
        }

        Insert(new FaultTransition(atMicroseconds, part, channel, kind, true));
        if (clearAtMicroseconds is { } at)
        {
            Insert(new FaultTransition(at, part, channel, kind, false));
        }

        return this;
    }

    /// <summary>Takes the next transition due at or before <paramref name="nowMicroseconds"/>.</summary>
    public bool TryTakeDue(long nowMicroseconds, out FaultTransition transition)
    {
        if (_next < _transitions.Count && _transitions[_next].AtMicroseconds <= nowMicroseconds)
        {
            transition = _transitions[_next++];
            return true;
        }

        transition = default;
        return false;
    }

    private void Insert(FaultTransition transition)
    {
        // Stable: after every pending transition at the same time or earlier.
        int index = _transitions.Count;
        while (index > _next && _transitions[index - 1].AtMicroseconds > transition.AtMicroseconds)
        {
            index--;
        }

        _transitions.Insert(index, transition);
    }
}
