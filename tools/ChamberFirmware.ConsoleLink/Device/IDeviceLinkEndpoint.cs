namespace ChamberFirmware.ConsoleLink.Device;

/// <summary>
/// The device side that a transport connection feeds, as the board's link loop exposes it: every
/// received frame in (at most one response out), the transport's close, and the periodic telemetry
/// frame. On a chamber this is the runtime (<see cref="RuntimeLinkEndpoint"/>), so the link loop's
/// watchdog check-in, the reject counters and the provisioning commit hook all happen; a bare
/// <see cref="LinkServerEndpoint"/> serves the link layer alone (link tests).
/// Implementations are called from the connection's thread while the device's other loops run.
/// </summary>
public interface IDeviceLinkEndpoint
{
    int HandleLinkFrame(byte[] frame, int offset, int count, byte[] response, int responseOffset);

    void OnLinkTransportClosed();

    int BuildTelemetryFrame(byte[] buffer, int offset);

    /// <summary>Whether a session is bound now (the connection's deadlines read it after each frame).</summary>
    bool IsSessionBound { get; }

    /// <summary>Frames the link layer took so far (a change after a frame means it was genuine).</summary>
    int AcceptedFrameCount { get; }
}
