using System;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Simulation.Engine;

namespace ChamberFirmware.Simulation.Hosting;

/// <summary>The diagnostics of whatever firmware the engine runs now (a scenario may reboot it), for the bridge.</summary>
public sealed class SimulationDiagnosticsReader : IDiagnosticsReader
{
    private readonly ChamberSimulation _simulation;

    public SimulationDiagnosticsReader(ChamberSimulation simulation)
    {
        _simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
    }

    public int Read(int characteristic, byte[] buffer, int offset) => _simulation.Firmware.Diagnostics.Read(characteristic, buffer, offset);
}
