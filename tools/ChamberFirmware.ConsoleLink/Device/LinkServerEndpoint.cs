using System;
using ChamberFirmware.Core.Link;

namespace ChamberFirmware.ConsoleLink.Device;

/// <summary>
/// The link layer alone (no runtime around it: no watchdog check-in, no diagnostics counters, no
/// provisioning hook). For tests of the link protocol; a chamber is served through
/// <see cref="RuntimeLinkEndpoint"/>.
/// </summary>
public sealed class LinkServerEndpoint : IDeviceLinkEndpoint
{
    public LinkServerEndpoint(LinkServer server)
    {
        Server = server ?? throw new ArgumentNullException(nameof(server));
    }

    public LinkServer Server { get; }

    public int HandleLinkFrame(byte[] frame, int offset, int count, byte[] response, int responseOffset) =>
        Server.ProcessFrame(frame, offset, count, response, responseOffset);

    public void OnLinkTransportClosed() => Server.OnTransportClosed();

    public int BuildTelemetryFrame(byte[] buffer, int offset) => Server.BuildTelemetryFrame(buffer, offset);

    public bool IsSessionBound => Server.IsSessionBound;

    public int AcceptedFrameCount => Server.AcceptedFrameCount;
}
