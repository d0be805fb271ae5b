using System;
using ChamberFirmware.Core.Runtime;

namespace ChamberFirmware.ConsoleLink.Device;

/// <summary>
/// A chamber's link loop: frames go through <see cref="ChamberRuntime.HandleLinkFrame"/> (link-loop
/// check-in, LinkServer, reject counters into diagnostics, provisioning commit hook), the close through
/// <see cref="ChamberRuntime.OnLinkTransportClosed"/>. What the board's BLE control service does.
/// </summary>
public sealed class RuntimeLinkEndpoint : IDeviceLinkEndpoint
{
    private readonly ChamberRuntime _runtime;

    public RuntimeLinkEndpoint(ChamberRuntime runtime)
    {
        _runtime = runtime ?? throw new ArgumentNullException(nameof(runtime));
    }

    public int HandleLinkFrame(byte[] frame, int offset, int count, byte[] response, int responseOffset) =>
        _runtime.HandleLinkFrame(frame, offset, count, response, responseOffset);

    public void OnLinkTransportClosed() => _runtime.OnLinkTransportClosed();

    public int BuildTelemetryFrame(byte[] buffer, int offset) => _runtime.BuildTelemetryFrame(buffer, offset);

    public bool IsSessionBound => _runtime.Link.IsSessionBound;

    public int AcceptedFrameCount => _runtime.Link.AcceptedFrameCount;
}
