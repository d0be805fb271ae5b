using System;
using ChamberFirmware.ConsoleLink.Device;
using ChamberFirmware.Simulation.Engine;

namespace ChamberFirmware.Simulation.Hosting;

/// <summary>
/// The live host's link endpoint: frames from the TCP console go to the simulated firmware's
/// link-loop entry points (for the real firmware, ChamberRuntime.HandleLinkFrame and
/// OnLinkTransportClosed: link-loop check-in, reject counters into diagnostics, the provisioning
/// commit hook), never to the LinkServer behind the runtime's back. Called on the TCP connection's
/// thread while the engine steps the other loops on its own; the runtime is thread-safe as on the
/// device (lock order in docs/architecture.md). Follows the engine's current firmware across Reset.
/// </summary>
public sealed class SimulatedFirmwareLinkEndpoint : IDeviceLinkEndpoint
{
    private readonly ChamberSimulation _simulation;

    public SimulatedFirmwareLinkEndpoint(ChamberSimulation simulation)
    {
        _simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
    }

    public int HandleLinkFrame(byte[] frame, int offset, int count, byte[] response, int responseOffset) =>
        _simulation.Firmware.HandleLinkFrame(frame, offset, count, response, responseOffset);

    public void OnLinkTransportClosed() => _simulation.Firmware.OnLinkTransportClosed();

    public int BuildTelemetryFrame(byte[] buffer, int offset) => _simulation.Firmware.BuildTelemetryFrame(buffer, offset);

    public bool IsSessionBound => _simulation.Firmware.Link.IsSessionBound;

    public int AcceptedFrameCount => _simulation.Firmware.Link.AcceptedFrameCount;
}
