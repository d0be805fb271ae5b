namespace ChamberCtl.Hil;

/// <summary>
/// Why the controller's link layer refused the last frame, as the target reports it. The simulator
/// and the rig map the firmware's link-layer codes onto this set (docs/hil.md).
/// </summary>
internal enum HilFrameRejection
{
    None,
    /// <summary>The authentication tag did not verify.</summary>
    BadTag,
    /// <summary>No tag, or no authenticated session for this frame type.</summary>
    Unauthenticated,
    /// <summary>The sequence number was not newer than the last accepted one.</summary>
    Replayed,
    /// <summary>The frame did not parse (length, type, payload).</summary>
    Malformed,
    /// <summary>The frame type is not one this firmware accepts.</summary>
    UnknownCommand,
}
