namespace ChamberCtl.Provisioning;

/// <summary>
/// What <c>chamberctl provision</c> was asked to do (paths as given; checked by the session).
/// <see cref="Factory"/>: the technician asked for the factory exchange (a board in factory state,
/// jumper fitted); it is never chosen from what the device answers.
/// </summary>
internal sealed record ProvisioningRequest(
    string? SerialNumber,
    string? HardwareRevision,
    SettingsInput Settings,
    string? CurrentKeyFile,
    string? KeyOut,
    string? RecordPath,
    bool Factory = false);
