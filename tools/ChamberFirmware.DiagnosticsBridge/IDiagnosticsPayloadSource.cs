using System.Threading;
using System.Threading.Tasks;

namespace ChamberFirmware.DiagnosticsBridge;

/// <summary>Reads one diagnostics characteristic by its bridge name (status, counters, telemetry, identity, events-k): the payload exactly as over BLE.</summary>
public interface IDiagnosticsPayloadSource
{
    Task<byte[]> ReadAsync(string name, CancellationToken cancel);
}
