using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;

namespace ChamberCtl.Hil;

/// <summary>
/// What the target reports at one instant: the controller's own status (state, reasons, count,
/// link age, temperature, last rejected frame, configuration fingerprint) and what the rig
/// measures on the board's lines (emitters actually powered, interlock power).
/// </summary>
internal sealed record HilObservation
{
    /// <summary>Target time since the last Reset, microseconds.</summary>
    public long TimeMicroseconds { get; init; }

    public ChamberState State { get; init; }

    /// <summary>Reasons latched by the current SafeStop (None when not latched).</summary>
    public CutReasons LatchedReasons { get; init; }

    /// <summary>Reasons of the most recent cut, kept after a clear.</summary>
    public CutReasons LastCutReasons { get; init; }

    public int Count { get; init; }

    /// <summary>The count limit in force (the profile's, or the hard ceiling when none).</summary>
    public int CountLimit { get; init; }

    /// <summary>Channels the rig sees emitting (read-back high while the interlock powers the bank), one bit each.</summary>
    public int EmittersPoweredMask { get; init; }

    /// <summary>The interlock (keep-alive) line powers the emitter bank.</summary>
    public bool InterlockPowered { get; init; }

    /// <summary>Milliseconds since the controller last accepted a heartbeat (int.MaxValue before the first).</summary>
    public int LinkAgeMilliseconds { get; init; }

    public int TemperatureCentiCelsius { get; init; }

    /// <summary>The link server's code for the last frame it refused since the reset (None before any).</summary>
    public LinkRejectReason LastLinkReject { get; init; }

    /// <summary><see cref="LastLinkReject"/> in the scenario vocabulary.</summary>
    public HilFrameRejection LastRejectedFrame => HilFrameRejections.FromLink(LastLinkReject);

    /// <summary>Digest of the stored configuration and firmware image id: any accepted change alters it.</summary>
    public long ConfigurationFingerprint { get; init; }

    public long TimeMilliseconds => TimeMicroseconds / 1000;

    public bool EmittersOff => EmittersPoweredMask == 0 || !InterlockPowered;
}
