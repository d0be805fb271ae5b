using System;
using System.Collections.Generic;
using System.IO;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;

namespace ChamberFirmware.Core.Tests.Diagnostics;

/// <summary>
/// The chamber history behind the golden vectors in tests/golden/diagnostics: every payload is
/// produced by reading a real DiagnosticsService fed through the runtime's API.
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

    public static DiagnosticsIdentity Identity() => new()
    {
        Manufacturer = "ChamberFirmware",
        Model = "NBC-1 treatment chamber",
        SerialNumber = "NBC1-000042",
        HardwareRevision = "C",
        FirmwareRevision = "0.1.0",
        SoftwareRevision = "core 0.1.0",
    };

    public static ChamberStatus SafeStopStatus() => new()
    {
        State = ChamberState.SafeStop,
        Provisioned = true,
        LatchedReasons = CutReasons.Overcount | CutReasons.RunawayGrowth,
        LastCutReasons = CutReasons.Overcount | CutReasons.RunawayGrowth,
        UptimeMicroseconds = 3_723_456_789,
        Count = 1_000_317,
        GrowthPermillePerSecond = 4210,
        ActiveEmitterMask = 0,
        LinkAgeMilliseconds = 70_000,
        TemperatureCentiCelsius = -50,
        CountLimit = 1_000_000,
        TargetCount = 800_000,
        RemainingMilliseconds = 0,
    };

    public static ChamberStatus ActiveStatus() => new()
    {
        State = ChamberState.Active,
        Provisioned = true,
        LatchedReasons = CutReasons.None,
        LastCutReasons = CutReasons.LinkLost,
        UptimeMicroseconds = 125_000_000,
        Count = 512_345,
        GrowthPermillePerSecond = 37,
        ActiveEmitterMask = 0b1011,
        LinkAgeMilliseconds = 120,
        TemperatureCentiCelsius = 3712,
        CountLimit = 1_000_000,
        TargetCount = 800_000,
        RemainingMilliseconds = 95_500,
    };

    /// <summary>The service after a session that ended in an overcount cut, then a clear and a new arm.</summary>
    public static DiagnosticsService Service()
    {
        var service = new DiagnosticsService(Identity());
        var c = service.Counters;
        c.CountReset();
        for (int i = 0; i < 42; i++)
        {
            c.CountSession();
        }

        for (int i = 0; i < 3; i++)
        {
            c.CountLinkLoss();
            c.CountCut((int)CutReasons.LinkLost);
        }

        c.CountCut((int)(CutReasons.Overcount | CutReasons.RunawayGrowth));
        c.CountCut((int)(CutReasons.Overcount | CutReasons.SensorFault));
        for (int i = 0; i < 6; i++)
        {
            c.CountReset();
        }

        CountMany(c.CountSensorError, 2, 5);
        CountMany(c.CountSensorError, 6, 11);
        CountMany(c.CountSensorError, 3, 1);
        CountMany(c.CountLinkReject, 1, 4);
        CountMany(c.CountLinkReject, 3, 2);
        CountMany(c.CountLinkReject, 15, 1);

        var none = CutReasons.None;
        service.AppendEvent(DiagnosticsEventKind.Reset, ChamberState.Idle, 1_000, none, 0, 0, int.MaxValue, 2210, 0);
        service.AppendEvent(DiagnosticsEventKind.ConfigChange, ChamberState.Idle, 5_000_000, none, 0, 0, 900, 2215, 0);
        service.AppendEvent(DiagnosticsEventKind.Arm, ChamberState.Armed, 60_000_000, none, 12, 0, 150, 2230, 0);
        service.AppendEvent(DiagnosticsEventKind.Start, ChamberState.Active, 65_000_000, none, 1_000, 5, 140, 2301, 0b1011);
        service.AppendEvent(DiagnosticsEventKind.LinkLost, ChamberState.Active, 80_000_000, none, 250_000, 31, 1_500, 3410, 0b1011);
        service.AppendEvent(DiagnosticsEventKind.LinkRestored, ChamberState.Active, 80_400_000, none, 262_000, 30, 20, 3420, 0b1011);
        service.AppendEvent(DiagnosticsEventKind.Cut, ChamberState.SafeStop, 3_723_000_000, CutReasons.Overcount | CutReasons.RunawayGrowth,
            1_000_317, 4210, 95, 3790, 0);
        service.AppendEvent(DiagnosticsEventKind.Clear, ChamberState.Idle, 3_800_000_000, none, 990_000, -120, 60, 3500, 0);
        service.AppendEvent(DiagnosticsEventKind.Arm, ChamberState.Armed, 3_900_000_000, none, 980_000, -118, 55, -50, 0);
        return service;
    }

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

    private static void CountMany(Action<int> count, int kind, int times)
    {
        for (int i = 0; i < times; i++)
        {
            count(kind);
        }
    }
}
