using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Hal.Simulated;
using ChamberFirmware.Hal.Storage;

namespace ChamberFirmware.Simulation.Firmware;

/// <summary>Builds the firmware under test on a simulated board (the device app's Main does the same with the ESP32 board).</summary>
public delegate ISimulatedFirmware FirmwareFactory(SimulatedChamber board, INonVolatileStorage storage, INonceSource nonces, DiagnosticsIdentity identity);
