using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Runtime;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Hal.Simulated;
using ChamberFirmware.Hal.Storage;

namespace ChamberFirmware.Simulation.Firmware;

/// <summary>The real firmware: the portable ChamberRuntime, exactly as the device app constructs it.</summary>
public sealed class RuntimeFirmware : ISimulatedFirmware
{
    public RuntimeFirmware(SimulatedChamber board, INonVolatileStorage storage, INonceSource nonces, DiagnosticsIdentity identity)
    {
        Runtime = new ChamberRuntime(board, storage, nonces, board.Clock, identity);
    }

    /// <summary>The default factory: the real runtime.</summary>
    public static FirmwareFactory Factory { get; } = (board, storage, nonces, identity) => new RuntimeFirmware(board, storage, nonces, identity);

    public ChamberRuntime Runtime { get; }

    public SafetySupervisor Supervisor => Runtime.Supervisor;

    public LinkServer Link => Runtime.Link;

    public DiagnosticsService Diagnostics => Runtime.Diagnostics;

    public void Boot() => Runtime.Boot();

    public void SupervisorStep() => Runtime.SupervisorStep();

    public void ControlStep() => Runtime.ControlStep();

    public int HandleLinkFrame(byte[] frame, int offset, int count, byte[] response, int responseOffset) =>
        Runtime.HandleLinkFrame(frame, offset, count, response, responseOffset);

    public void OnLinkTransportClosed() => Runtime.OnLinkTransportClosed();

    public int BuildTelemetryFrame(byte[] buffer, int offset) => Runtime.BuildTelemetryFrame(buffer, offset);

    public void FillStatus(ChamberStatus status) => Runtime.FillStatus(status);
}
