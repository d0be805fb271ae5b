namespace ChamberCtl.Provisioning;

/// <summary>How a run ended: exit code, the record (when the device was read back), where the key and record went.</summary>
internal sealed record ProvisioningResult(int ExitCode, DeviceRecord? Record, string? KeyPath, string? RecordPath);
