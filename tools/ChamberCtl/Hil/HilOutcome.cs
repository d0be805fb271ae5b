namespace ChamberCtl.Hil;

internal enum HilOutcome
{
    Passed,
    /// <summary>An expectation did not hold: the target misbehaved.</summary>
    Failed,
    /// <summary>The run could not be completed (the target's transport failed): no verdict.</summary>
    Error,
}
