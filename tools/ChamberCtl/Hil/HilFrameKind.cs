namespace ChamberCtl.Hil;

/// <summary>
/// Hostile frames the rig can put on the console link. "Forged" frames carry a wrong
/// authentication tag; "unauthenticated" ones carry none; "replayed" ones are byte-for-byte
/// copies of frames the genuine console sent earlier in the same scenario.
/// </summary>
internal enum HilFrameKind
{
    ForgedConfig,
    UnauthenticatedConfig,
    ForgedUpdate,
    UnauthenticatedUpdate,
    ForgedProvisioning,
    ReplayedHeartbeat,
    ReplayedStart,
    ReplayedClear,
    Malformed,
}
