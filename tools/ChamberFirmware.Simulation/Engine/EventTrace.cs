using System.Collections.Generic;

namespace ChamberFirmware.Simulation.Engine;

/// <summary>
/// The last events of a run in a fixed ring: the shortened trace printed with a violation (the
/// events leading up to it, not the whole run).
/// </summary>
public sealed class EventTrace
{
    private readonly TraceEvent[] _ring;
    private int _next;
    private long _total;

    public EventTrace(int capacity = 64)
    {
        _ring = new TraceEvent[capacity];
    }

    public long Total => _total;

    public void Add(long atMilliseconds, string what)
    {
        _ring[_next] = new TraceEvent(atMilliseconds, what);
        _next = (_next + 1) % _ring.Length;
        _total++;
    }

    /// <summary>The last <paramref name="count"/> events, oldest first.</summary>
    public IReadOnlyList<TraceEvent> Last(int count)
    {
        int available = (int)System.Math.Min(_total, _ring.Length);
        int take = System.Math.Min(count, available);
        var result = new List<TraceEvent>(take);
        for (int i = take; i > 0; i--)
        {
            result.Add(_ring[((_next - i) % _ring.Length + _ring.Length) % _ring.Length]);
        }

        return result;
    }

    public void Clear()
    {
        _next = 0;
        _total = 0;
    }
}
