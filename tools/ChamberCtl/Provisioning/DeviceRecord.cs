using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChamberCtl.Provisioning;

/// <summary>
/// The device record for the clinic's register (docs/flashing.md, "Device record"): who the
/// device is, what it runs, what was written and whether reading it back confirmed it. Holds the
/// key's fingerprint only — never the key — and no patient data.
/// </summary>
internal sealed record DeviceRecord(
    int Format,
    string Kind,
    string Action,
    string SerialNumber,
    string HardwareRevision,
    string FirmwareVersion,
    uint ConfigGeneration,
    string? ProvisionedAt,
    string? CheckedAt,
    string Target,
    DeviceRecordSettings Settings,
    string KeyFingerprint,
    DeviceRecordVerification Verification)
{
    public const int CurrentFormat = 1;

    public const string RecordKind = "chamber-device-record";

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions) + "\n";
}
