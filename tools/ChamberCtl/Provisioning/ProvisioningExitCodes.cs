namespace ChamberCtl.Provisioning;

/// <summary>Exit codes of <c>chamberctl provision</c> (docs/flashing.md, "Provisioning").</summary>
internal static class ProvisioningExitCodes
{
    public const int Ok = 0;

    /// <summary>Nothing was committed on the device (refused, link lost before commit, device error).</summary>
    public const int Failed = 1;

    /// <summary>Bad options or input, found before anything was sent to the device.</summary>
    public const int Usage = 2;

    /// <summary>The device committed the new configuration but reading it back did not confirm it.</summary>
    public const int CommittedNotVerified = 3;
}
