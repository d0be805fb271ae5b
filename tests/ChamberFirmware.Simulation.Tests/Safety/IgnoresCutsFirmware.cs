using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Hal.Simulated;
using ChamberFirmware.Simulation.Firmware;

namespace ChamberFirmware.Simulation.Tests.Safety;

/// <summary>
/// Test-only broken firmware: the real runtime, but after every supervisor step that ends in
/// SafeStop it drives the emitter lines it last had on (the closed loop may already have switched
/// them off when the cut came) and keeps toggling the keep-alive — a runtime that ignores the
/// supervisor's cut. The invariant checker must catch it.
/// </summary>
internal sealed class IgnoresCutsFirmware(SimulatedChamber board, ISimulatedFirmware inner) : ISimulatedFirmware
{
    private int _lastOn;

    public SafetySupervisor Supervisor => inner.Supervisor;

    public LinkServer Link => inner.Link;

    public DiagnosticsService Diagnostics => inner.Diagnostics;

    public void Boot() => inner.Boot();

    public void SupervisorStep()
    {
        int enabled = 0;
        for (int i = 0; i < board.EmitterChannelCount; i++)
        {
            enabled |= board.Channel(i).Enable.Level ? 1 << i : 0;
        }

        if (enabled != 0)
        {
            _lastOn = enabled;
        }

        inner.SupervisorStep();
        if (inner.Supervisor.Mode == SupervisorMode.SafeStop)
        {
            for (int i = 0; i < board.EmitterChannelCount; i++)
            {
                board.Channel(i).Enable.Write((_lastOn & (1 << i)) != 0);
            }

            board.KeepAliveLine.Toggle();
        }
    }

    public void ControlStep() => inner.ControlStep();

    public int HandleLinkFrame(byte[] frame, int offset, int count, byte[] response, int responseOffset) =>
        inner.HandleLinkFrame(frame, offset, count, response, responseOffset);

    public void OnLinkTransportClosed() => inner.OnLinkTransportClosed();

    public int BuildTelemetryFrame(byte[] buffer, int offset) => inner.BuildTelemetryFrame(buffer, offset);

    public void FillStatus(ChamberStatus status) => inner.FillStatus(status);
}
