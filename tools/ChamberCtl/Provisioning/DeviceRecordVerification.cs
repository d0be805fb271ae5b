using System.Collections.Generic;

namespace ChamberCtl.Provisioning;

/// <summary>
/// What reading the device back over a new session showed. Result is "passed" only when the device
/// reports Provisioned and identity and settings equal what was written (or, for a check, what
/// was expected). IdentityMatches / SettingsMatch are absent when there was nothing to compare.
/// </summary>
internal sealed record DeviceRecordVerification(
    string Result,
    bool Provisioned,
    bool? IdentityMatches,
    bool? SettingsMatch,
    IReadOnlyList<string> Problems)
{
    public bool Passed => Problems.Count == 0;
}
