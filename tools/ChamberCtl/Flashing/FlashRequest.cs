using System.Collections.Generic;

namespace ChamberCtl.Flashing;

/// <summary>One flash job: which bundle, which port, which nanoff, which extra keys, where to keep the record.</summary>
internal sealed record FlashRequest(
    string BundlePath,
    string SerialPort,
    string? NanoffPath,
    IReadOnlyList<string> ExtraTrustedKeys,
    string RecordDirectory,
    string? PathVariable,
    string? UserProfile);
