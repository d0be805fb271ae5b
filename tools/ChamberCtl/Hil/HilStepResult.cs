namespace ChamberCtl.Hil;

/// <summary>One executed step: when it ran (target time) and, when it failed, why.</summary>
internal sealed record HilStepResult(HilStep Step, HilOutcome Outcome, long StartMicroseconds, long EndMicroseconds, string? Message);
