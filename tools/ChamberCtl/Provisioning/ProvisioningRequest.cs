namespace ChamberCtl.Provisioning;

/// <summary>What <c>chamberctl provision</c> was asked to do (paths as given; checked by the session).</summary>
internal sealed record ProvisioningRequest(
    string? SerialNumber,
    string? HardwareRevision,
    SettingsInput Settings,
    string? CurrentKeyFile,
    string? KeyOut,
    string? RecordPath);
