using System;
using System.Collections.Generic;
using System.IO;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Device.NanoClr.Diagnostics;

namespace ChamberFirmware.Core.Tests.Diagnostics;

/// <summary>
/// The golden vectors in tests/golden/diagnostics: every payload is produced by reading a real
/// DiagnosticsService fed the history in GoldenHistory (shared with the nanoCLR device tests).
/// </summary>
internal static class GoldenFixture
{
    public static string GoldenDirectory => Path.Combine(RepoRoot(), "tests", "golden", "diagnostics");

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChamberFirmware.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root (ChamberFirmware.sln) not found above " + AppContext.BaseDirectory);
    }

    public static DiagnosticsIdentity Identity() => GoldenHistory.Identity();

    public static ChamberStatus SafeStopStatus() => GoldenHistory.SafeStopStatus();

    public static ChamberStatus ActiveStatus() => GoldenHistory.ActiveStatus();

    /// <summary>The service after a session that ended in an overcount cut, then a clear and a new arm.</summary>
    public static DiagnosticsService Service() => GoldenHistory.Service();

    /// <summary>Every golden vector: file name (without extension), payload kind, bytes as encoded by the service.</summary>
    public static IReadOnlyList<(string Name, string Kind, byte[] Bytes)> Vectors()
    {
        var service = Service();
        var list = new List<(string, string, byte[])>
        {
            ("identity", "identity", Read(service, DiagnosticsCharacteristic.Identity)),
            ("counters", "counters", Read(service, DiagnosticsCharacteristic.Counters)),
            ("events-0", "events", Read(service, DiagnosticsCharacteristic.EventWindowFirst)),
            ("events-1", "events", Read(service, DiagnosticsCharacteristic.EventWindowFirst + 1)),
            ("events-2", "events", Read(service, DiagnosticsCharacteristic.EventWindowFirst + 2)),
        };
        service.PublishStatus(ActiveStatus());
        list.Add(("status-active", "status", Read(service, DiagnosticsCharacteristic.Status)));
        list.Add(("telemetry-active", "telemetry", Read(service, DiagnosticsCharacteristic.Telemetry)));
        service.PublishStatus(SafeStopStatus());
        list.Add(("status-safestop", "status", Read(service, DiagnosticsCharacteristic.Status)));
        list.Add(("telemetry-safestop", "telemetry", Read(service, DiagnosticsCharacteristic.Telemetry)));
        return list;
    }

    public static byte[] Read(IDiagnosticsReader reader, int characteristic)
    {
        var buffer = new byte[DiagnosticsPayloads.MaxPayloadLength];
        int length = reader.Read(characteristic, buffer, 0);
        if (length < 0)
        {
            throw new InvalidOperationException($"read of 0x{characteristic:x2} failed: {length}");
        }

        return buffer.AsSpan(0, length).ToArray();
    }
}
