namespace ChamberCtl.Provisioning;

/// <summary>What <c>chamberctl provision --check</c> was asked to do: read back only, change nothing.</summary>
internal sealed record CheckRequest(string? KeyFile, string? RecordPath, string? ExpectedSerialNumber);
