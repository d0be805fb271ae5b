using System.Threading;
using ChamberFirmware.ConsoleLink.Device;
using ChamberFirmware.Core.Link;

namespace ChamberFirmware.Tools.Tests.TreatmentConsole;

/// <summary>Passes frames to the simulated firmware and counts the heartbeats it has handled, so the test moves time only after they land.</summary>
internal sealed class HeartbeatCountingEndpoint(IDeviceLinkEndpoint inner) : IDeviceLinkEndpoint
{
    private int _heartbeats;

    public Changes Changes { get; } = new();

    public int Heartbeats => Volatile.Read(ref _heartbeats);

    public int HandleLinkFrame(byte[] frame, int offset, int count, byte[] response, int responseOffset)
    {
        int length = inner.HandleLinkFrame(frame, offset, count, response, responseOffset);
        if (LinkFrame.ParseHeader(frame, offset, count, out byte type, out _, out _) == LinkRejectReason.None && type == (byte)LinkMessageType.Heartbeat)
        {
            Interlocked.Increment(ref _heartbeats);
        }

        Changes.Notify();
        return length;
    }

    public void OnLinkTransportClosed()
    {
        inner.OnLinkTransportClosed();
        Changes.Notify();
    }

    public int BuildTelemetryFrame(byte[] buffer, int offset) => inner.BuildTelemetryFrame(buffer, offset);

    public bool IsSessionBound => inner.IsSessionBound;

    public int AcceptedFrameCount => inner.AcceptedFrameCount;
}
