using ChamberFirmware.Core.Link;

namespace ChamberCtl.Hil;

/// <summary>The one mapping from the link server's reject codes onto the scenario vocabulary.</summary>
internal static class HilFrameRejections
{
    public static HilFrameRejection FromLink(LinkRejectReason reason) => reason switch
    {
        LinkRejectReason.None => HilFrameRejection.None,
        LinkRejectReason.BadTag => HilFrameRejection.BadTag,
        LinkRejectReason.Replayed or LinkRejectReason.Reordered => HilFrameRejection.Replayed,
        LinkRejectReason.NoSession or LinkRejectReason.NotProvisioned or LinkRejectReason.ProvisioningRefused => HilFrameRejection.Unauthenticated,
        LinkRejectReason.Truncated or LinkRejectReason.Oversized or LinkRejectReason.BadVersion or LinkRejectReason.BadLength
            or LinkRejectReason.WrongDirection or LinkRejectReason.BadPayload => HilFrameRejection.Malformed,
        LinkRejectReason.RateLimited or LinkRejectReason.ResponseBufferTooSmall => HilFrameRejection.Dropped,
        _ => throw new System.ArgumentOutOfRangeException(nameof(reason), reason, "not a link reject reason"),
    };
}
