namespace ChamberCtl.Hil;

/// <summary>
/// The scenario vocabulary for why the controller's link layer refused the last frame
/// (<c>expect: { frame_rejected: … }</c>). Targets report the firmware's own code
/// (<see cref="ChamberFirmware.Core.Link.LinkRejectReason"/>, in <see cref="HilObservation.LastLinkReject"/>);
/// <see cref="HilFrameRejections.FromLink"/> is the one mapping onto these words (docs/hil.md).
/// </summary>
internal enum HilFrameRejection
{
    None,
    /// <summary>The authentication tag did not verify under the bound session (forged, zero tag, other key): BadTag.</summary>
    BadTag,
    /// <summary>Refused before any tag check: no bound session (NoSession), no key (NotProvisioned), factory path closed (ProvisioningRefused).</summary>
    Unauthenticated,
    /// <summary>The sequence number was not newer than the last accepted one (Replayed, Reordered).</summary>
    Replayed,
    /// <summary>The frame did not parse (Truncated, Oversized, BadVersion, BadLength, WrongDirection, BadPayload).</summary>
    Malformed,
    /// <summary>Dropped unread, not judged (RateLimited: flood budget empty; ResponseBufferTooSmall: a host bug).</summary>
    Dropped,
}
