using System.Collections.Generic;

namespace ChamberCtl.Flashing;

/// <summary>How a flash ended: every step run, and on failure which step, why, what to do and the state the board is left in.</summary>
internal sealed record FlashOutcome(
    bool Succeeded,
    IReadOnlyList<FlashStepResult> Steps,
    FlashStep? FailedStep,
    string Message,
    string NextStep,
    string BoardState,
    string? RecordPath);
