namespace ChamberCtl.Hil;

/// <summary>Something the runner did at a moment of target time (inject, console), marked on the plots.</summary>
internal sealed record HilEvent(long TimeMicroseconds, string Text);
