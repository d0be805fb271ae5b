using System;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;
using Xunit;

namespace ChamberFirmware.Core.Tests.Diagnostics;

/// <summary>The supervisor-side calls and the readers' encode path allocate nothing (the device GC stops the world).</summary>
public class DiagnosticsAllocationTests
{
    private static readonly int[] AllCharacteristics =
    {
        DiagnosticsCharacteristic.Status, DiagnosticsCharacteristic.Counters, DiagnosticsCharacteristic.Telemetry,
        DiagnosticsCharacteristic.Identity, DiagnosticsCharacteristic.EventWindowFirst, DiagnosticsCharacteristic.EventWindowFirst + 1,
        DiagnosticsCharacteristic.EventWindowFirst + 9,
    };

    [Fact]
    public void Publishing_appending_and_counting_allocate_nothing()
    {
        var service = GoldenFixture.Service();
        var status = GoldenFixture.ActiveStatus();
        RunPublisher(service, status, 10);

        long before = GC.GetAllocatedBytesForCurrentThread();
        RunPublisher(service, status, 1000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Reading_every_characteristic_into_a_caller_buffer_allocates_nothing()
    {
        var service = GoldenFixture.Service();
        service.PublishStatus(GoldenFixture.SafeStopStatus());
        var buffer = new byte[DiagnosticsPayloads.MaxPayloadLength];
        int total = ReadAll(service, buffer);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
        {
            total += ReadAll(service, buffer);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(total > 0);
    }

    [Fact]
    public void Decoding_fixed_size_payloads_into_caller_objects_allocates_nothing()
    {
        var service = GoldenFixture.Service();
        service.PublishStatus(GoldenFixture.ActiveStatus());
        var status = GoldenFixture.Read(service, DiagnosticsCharacteristic.Status);
        var telemetry = GoldenFixture.Read(service, DiagnosticsCharacteristic.Telemetry);
        var counters = GoldenFixture.Read(service, DiagnosticsCharacteristic.Counters);
        var page = GoldenFixture.Read(service, DiagnosticsCharacteristic.EventWindowFirst);
        var s = new StatusPayload();
        var t = new TelemetryPayload();
        var c = new CountersPayload();
        var p = new EventLogPage();
        DiagnosticsPayloads.DecodeStatus(status, 0, status.Length, s);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            DiagnosticsPayloads.DecodeStatus(status, 0, status.Length, s);
            DiagnosticsPayloads.DecodeTelemetry(telemetry, 0, telemetry.Length, t);
            DiagnosticsPayloads.DecodeCounters(counters, 0, counters.Length, c);
            DiagnosticsPayloads.DecodeEventPage(page, 0, page.Length, p);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void RunPublisher(DiagnosticsService service, Control.ChamberStatus status, int ticks)
    {
        for (int i = 0; i < ticks; i++)
        {
            status.UptimeMicroseconds += 10_000;
            service.PublishStatus(status);
            service.AppendEvent(DiagnosticsEventKind.Cut, CutReasons.Overcount, status);
            service.AppendEvent(DiagnosticsEventKind.Arm, ChamberState.Armed, i, CutReasons.None, i, i, i, i, i);
            service.Counters.CountCut((int)(CutReasons.Overcount | CutReasons.LinkLost));
            service.Counters.CountSensorError(6);
            service.Counters.CountLinkReject(3);
            service.Counters.CountSession();
            service.Counters.CountLinkLoss();
        }
    }

    private static int ReadAll(DiagnosticsService service, byte[] buffer)
    {
        int total = 0;
        foreach (int id in AllCharacteristics)
        {
            int length = service.Read(id, buffer, 0);
            Assert.True(length > 0);
            total += length;
        }

        return total;
    }
}
