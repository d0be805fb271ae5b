using System;
using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Ble;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.DiagnosticsBridge;

namespace ChamberCtl.Ble;

/// <summary>The chamber's diagnostics GATT service read over BLE (ReadValue per characteristic), for <c>chamberctl diag --target ble:…</c>.</summary>
internal sealed class BleDiagnosticsSource : IDiagnosticsPayloadSource
{
    private readonly BleChamberConnection _connection;

    public BleDiagnosticsSource(BleChamberConnection connection)
    {
        _connection = connection;
    }

    public Task<byte[]> ReadAsync(string name, CancellationToken cancel)
    {
        int id = DiagnosticsCharacteristic.IdFor(name);
        if (id < 0)
        {
            throw new ArgumentException($"unknown characteristic '{name}'", nameof(name));
        }

        return _connection.ReadAsync(DiagnosticsCharacteristic.UuidFor(id), name, cancel);
    }
}
