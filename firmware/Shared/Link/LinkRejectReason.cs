namespace ChamberFirmware.Core.Link
{
    /// <summary>
    /// Why the link server dropped a frame. Wire-stable (diagnostics read the counters by value):
    /// never renumber, only add before Count.
    /// </summary>
    public enum LinkRejectReason : byte
    {
        None = 0,
        /// <summary>Shorter than header + tag, or shorter than its length field says.</summary>
        Truncated = 1,
        /// <summary>Longer than LinkProtocol.MaxFrameSize.</summary>
        Oversized = 2,
        BadVersion = 3,
        /// <summary>Length field and frame size disagree (trailing bytes).</summary>
        BadLength = 4,
        /// <summary>Authentication tag wrong (forged, garbled, other session or key).</summary>
        BadTag = 5,
        /// <summary>Sequence number equal to the last accepted one.</summary>
        Replayed = 6,
        /// <summary>Sequence number below the last accepted one.</summary>
        Reordered = 7,
        /// <summary>An authenticated frame arrived with no bound (or pending) session.</summary>
        NoSession = 8,
        /// <summary>A device→console frame type was sent to the device.</summary>
        WrongDirection = 9,
        /// <summary>Dropped unread: the rejected-frame budget (token bucket) is empty.</summary>
        RateLimited = 10,
        /// <summary>Hello with no link key provisioned.</summary>
        NotProvisioned = 11,
        /// <summary>FactoryProvision outside factory state or without the jumper, or malformed.</summary>
        ProvisioningRefused = 12,
        /// <summary>Unauthenticated frame with a malformed payload (Hello nonce size).</summary>
        BadPayload = 13,
        /// <summary>The caller's response buffer is smaller than LinkProtocol.MaxFrameSize (host bug).</summary>
        ResponseBufferTooSmall = 14,
        /// <summary>Number of reasons: the size of the counter array.</summary>
        Count = 15,
    }
}
