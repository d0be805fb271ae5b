using System.Collections.Generic;

namespace ChamberCtl.Flashing;

/// <summary>
/// One flash job: which bundle, which port, which nanoff, which extra keys, where to keep the record;
/// <see cref="PrivateCopyRoot"/>: where the bundle's owner-only copy is made (default: the temp folder).
/// </summary>
internal sealed record FlashRequest(
    string BundlePath,
    string SerialPort,
    string? NanoffPath,
    IReadOnlyList<string> ExtraTrustedKeys,
    string RecordDirectory,
    string? PathVariable,
    string? UserProfile,
    string? PrivateCopyRoot = null);
