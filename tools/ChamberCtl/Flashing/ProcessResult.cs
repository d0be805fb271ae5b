namespace ChamberCtl.Flashing;

/// <summary>What an external program did: its exit code and what it printed. TimedOut when it had to be stopped.</summary>
internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError, bool TimedOut = false, string? StartError = null)
{
    public bool Started => StartError is null;
}
