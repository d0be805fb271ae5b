using System;
using System.Collections;

namespace ChamberFirmware.Hal.Simulated.Faults
{

/// <summary>
/// A script of faults in simulated time: "at T apply fault F to part P, clear it at T2". The
/// chamber applies each transition when its clock reaches it, in time order (same time: the
/// order they were added). Transitions in the past when added are applied at the next step.
/// </summary>
public sealed class FaultSchedule
{
    private readonly ArrayList _transitions = new ArrayList();
    private readonly int _channelCount;
    private int _next;

    /// <summary>No clear time: the fault stays (long.MaxValue is never reached).</summary>
    private const long NotCleared = long.MaxValue;

    public FaultSchedule(int channelCount)
    {
        _channelCount = channelCount;
    }

    /// <summary>Transitions not yet applied.</summary>
    public int Pending => _transitions.Count - _next;

    /// <summary>Time of the next transition, or long.MaxValue when none is left.</summary>
    public long NextAtMicroseconds => _next < _transitions.Count ? At(_next) : long.MaxValue;

    /// <summary>Schedules <paramref name="kind"/> on a part from <paramref name="atMicroseconds"/>, cleared at <paramref name="clearAtMicroseconds"/> if given.</summary>
    public FaultSchedule Add(long atMicroseconds, SimulatedPart part, FaultKind kind, int channel = 0, long clearAtMicroseconds = NotCleared)
    {
        FaultTarget.Check(part, channel, kind, _channelCount);
        if (atMicroseconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(atMicroseconds), "must not be negative");
        }

        if (clearAtMicroseconds != NotCleared && clearAtMicroseconds < atMicroseconds)
        {
            throw new ArgumentOutOfRangeException(nameof(clearAtMicroseconds), "a fault cannot clear before it starts");
        }

        Insert(new FaultTransition(atMicroseconds, part, channel, kind, true));
        if (clearAtMicroseconds != NotCleared)
        {
            Insert(new FaultTransition(clearAtMicroseconds, part, channel, kind, false));
        }

        return this;
    }

    /// <summary>Takes the next transition due at or before <paramref name="nowMicroseconds"/>.</summary>
    public bool TryTakeDue(long nowMicroseconds, out FaultTransition transition)
    {
        if (_next < _transitions.Count && At(_next) <= nowMicroseconds)
        {
            transition = (FaultTransition)_transitions[_next++]!;
            return true;
        }

        transition = default;
        return false;
    }

    private long At(int index) => ((FaultTransition)_transitions[index]!).AtMicroseconds;

    private void Insert(FaultTransition transition)
    {
        // Stable: after every pending transition at the same time or earlier.
        int index = _transitions.Count;
        while (index > _next && At(index - 1) > transition.AtMicroseconds)
        {
            index--;
        }

        _transitions.Insert(index, transition);
    }
}
}
