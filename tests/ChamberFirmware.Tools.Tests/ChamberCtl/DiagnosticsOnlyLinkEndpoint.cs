using System.Threading;
using ChamberFirmware.ConsoleLink.Device;

namespace ChamberFirmware.Tools.Tests.ChamberCtl;

/// <summary>The link loop of a chamber that the test only reads diagnostics from: answers nothing, counts what reached it.</summary>
internal sealed class DiagnosticsOnlyLinkEndpoint : IDeviceLinkEndpoint
{
    private int _frames;

    /// <summary>Link frames written to the chamber (diag must write none).</summary>
    public int Frames => Volatile.Read(ref _frames);

    public bool IsSessionBound => false;

    public int AcceptedFrameCount => 0;

    public int HandleLinkFrame(byte[] frame, int offset, int count, byte[] response, int responseOffset)
    {
        Interlocked.Increment(ref _frames);
        return 0;
    }

    public void OnLinkTransportClosed()
    {
    }

    public int BuildTelemetryFrame(byte[] buffer, int offset) => 0;
}
