using System;

namespace ChamberCtl.Provisioning;

/// <summary>
/// A provisioning or check run stopped: what went wrong and what to do next, in plain words, and
/// the exit code. Thrown inside the session and turned into output by the command.
/// </summary>
internal sealed class ProvisioningFailure : Exception
{
    public ProvisioningFailure(string message, string nextStep, int exitCode = ProvisioningExitCodes.Failed)
        : base(message)
    {
        NextStep = nextStep;
        ExitCode = exitCode;
    }

    public ProvisioningFailure()
        : this("provisioning failed", string.Empty)
    {
    }

    public ProvisioningFailure(string message)
        : this(message, string.Empty)
    {
    }

    public ProvisioningFailure(string message, Exception innerException)
        : base(message, innerException)
    {
        NextStep = string.Empty;
        ExitCode = ProvisioningExitCodes.Failed;
    }

    public string NextStep { get; }

    public int ExitCode { get; }
}
