namespace ChamberCtl.Flashing;

/// <summary>What one step did (kept in the flash record).</summary>
internal sealed record FlashStepResult(FlashStep Step, bool Succeeded, string Detail, string? Command = null, int? ExitCode = null);
