using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Safety;

namespace ChamberFirmware.Simulation.Firmware;

/// <summary>
/// What the simulator drives: the firmware runtime's entry points, as the device's threads call
/// them. <see cref="RuntimeFirmware"/> adapts the real ChamberRuntime; tests wrap it to prove the
/// invariant checker catches a firmware that misbehaves.
/// </summary>
public interface ISimulatedFirmware
{
    void Boot();

    /// <summary>One supervisor period (every 10 ms): sensors in, safety decision, outputs and keep-alive.</summary>
    void SupervisorStep();

    /// <summary>One control-loop step (treatment session, closed-loop emitter requests).</summary>
    void ControlStep();

    int HandleLinkFrame(byte[] frame, int offset, int count, byte[] response, int responseOffset);

    void OnLinkTransportClosed();

    /// <summary>The link loop's periodic work (every 100 ms; its watchdog check-in): a telemetry frame for a bound console, or 0.</summary>
    int BuildTelemetryFrame(byte[] buffer, int offset);

    void FillStatus(ChamberStatus status);

    SafetySupervisor Supervisor { get; }

    LinkServer Link { get; }

    DiagnosticsService Diagnostics { get; }
}
