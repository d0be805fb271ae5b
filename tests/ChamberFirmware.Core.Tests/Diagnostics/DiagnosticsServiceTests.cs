using System;
using System.Linq;
using System.Reflection;
using System.Threading;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace ChamberFirmware.Core.Tests.Diagnostics;

public class DiagnosticsServiceTests
{
    [Fact]
    public void Transports_get_a_reader_interface_with_nothing_but_read()
    {
        var methods = typeof(IDiagnosticsReader).GetMethods();

        Assert.Equal(new[] { "Read" }, methods.Select(m => m.Name).ToArray());
    }

    [Fact]
    public void The_service_holds_no_reference_to_control_configuration_or_hardware()
    {
        var fieldTypes = typeof(DiagnosticsService).GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            .Select(f => f.FieldType.Namespace ?? string.Empty).ToArray();

        Assert.DoesNotContain(fieldTypes, ns => ns.StartsWith("ChamberFirmware.Core.Control", StringComparison.Ordinal)
            || ns.StartsWith("ChamberFirmware.Core.Config", StringComparison.Ordinal) || ns.StartsWith("ChamberFirmware.Hal", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_characteristics_and_small_buffers_are_reported_not_thrown()
    {
        var service = GoldenFixture.Service();

        Assert.Equal(DiagnosticsReadError.UnknownCharacteristic, service.Read(0x7F, new byte[300], 0));
        Assert.Equal(DiagnosticsReadError.BufferTooSmall, service.Read(DiagnosticsCharacteristic.Status, new byte[10], 0));
        Assert.Equal(DiagnosticsReadError.BufferTooSmall, service.Read(DiagnosticsCharacteristic.Status, null!, 0));
    }

    [Fact]
    public void Characteristic_names_ids_and_uuids_map_both_ways()
    {
        Assert.Equal(DiagnosticsCharacteristic.Status, DiagnosticsCharacteristic.IdFor("status"));
        Assert.Equal(0x19, DiagnosticsCharacteristic.IdFor("events-9"));
        Assert.Equal(-1, DiagnosticsCharacteristic.IdFor("events-x"));
        Assert.Equal(-1, DiagnosticsCharacteristic.IdFor("write"));
        Assert.Equal("events-3", DiagnosticsCharacteristic.NameFor(0x13));
        Assert.Equal("4c7a0013-8f1e-4b7d-9c2a-6e5d3b1a0c90", DiagnosticsCharacteristic.UuidFor(0x13));
        Assert.Equal("4c7a0001-8f1e-4b7d-9c2a-6e5d3b1a0c90", DiagnosticsCharacteristic.UuidFor(DiagnosticsCharacteristic.Status));
    }

    [Fact]
    public void Readers_racing_the_publisher_never_see_a_torn_snapshot()
    {
        var service = new DiagnosticsService(GoldenFixture.Identity());
        var status = new ChamberStatus();
        service.PublishStatus(status);
        using var done = new ManualResetEventSlim();
        var publisher = new Thread(() =>
        {
            for (int i = 1; i <= 200_000; i++)
            {
                // Every field of one publish carries the same number: a torn copy mixes numbers.
                status.UptimeMicroseconds = i;
                status.RemainingMilliseconds = i;
                status.CountLimit = i;
                status.TargetCount = i;
                service.PublishStatus(status);
            }

            done.Set();
        });
        publisher.Start();

        var buffer = new byte[DiagnosticsPayloads.MaxPayloadLength];
        var decoded = new StatusPayload();
        int reads = 0, busy = 0;
        while (!done.IsSet)
        {
            int length = service.Read(DiagnosticsCharacteristic.Status, buffer, 0);
            if (length == DiagnosticsReadError.Busy)
            {
                busy++;
                continue;
            }

            Assert.Equal(PayloadDecodeResult.Ok, DiagnosticsPayloads.DecodeStatus(buffer, 0, length, decoded));
            Assert.Equal(decoded.UptimeMicroseconds, decoded.RemainingMilliseconds);
            Assert.Equal(decoded.RemainingMilliseconds, decoded.CountLimit);
            Assert.Equal(decoded.CountLimit, decoded.TargetCount);
            reads++;
        }

        publisher.Join();
        Assert.True(reads > 0);
        Assert.True(busy <= reads, $"busy {busy} of {reads} reads");
    }

    [Fact]
    public void Status_and_telemetry_round_trip_for_any_values()
    {
        var random = new Random(20260611);
        for (int run = 0; run < 2000; run++)
        {
            int count = random.Next(int.MinValue, int.MaxValue), growth = random.Next(int.MinValue, int.MaxValue);
            long uptime = random.NextInt64(long.MinValue, long.MaxValue);
            int mask = random.Next(), linkAge = random.Next(int.MinValue, int.MaxValue);
            int temperature = random.Next(-70_000, 70_000), remaining = random.Next(int.MinValue, int.MaxValue);
            var status = new ChamberStatus
            {
                State = (ChamberState)(Math.Abs(count % 5)),
                LatchedReasons = (CutReasons)(mask & 0xFFFF),
                LastCutReasons = (CutReasons)((mask >> 3) & 0xFFFF),
                UptimeMicroseconds = uptime,
                Count = count,
                GrowthPermillePerSecond = growth,
                ActiveEmitterMask = mask & 0xFFFF,
                LinkAgeMilliseconds = linkAge,
                TemperatureCentiCelsius = temperature,
                RemainingMilliseconds = remaining,
                CountLimit = growth,
                TargetCount = count,
                Provisioned = (mask & 1) == 1,
            };
            var service = new DiagnosticsService(null!);
            service.PublishStatus(status);
            var s = new StatusPayload();
            var t = new TelemetryPayload();
            var sb = GoldenFixture.Read(service, DiagnosticsCharacteristic.Status);
            var tb = GoldenFixture.Read(service, DiagnosticsCharacteristic.Telemetry);

            bool ok = DiagnosticsPayloads.DecodeStatus(sb, 0, sb.Length, s) == PayloadDecodeResult.Ok
                && DiagnosticsPayloads.DecodeTelemetry(tb, 0, tb.Length, t) == PayloadDecodeResult.Ok
                && s.State == status.State && s.LatchedReasons == status.LatchedReasons && s.LastCutReasons == status.LastCutReasons
                && s.UptimeMicroseconds == uptime && s.RemainingMilliseconds == remaining && s.Provisioned == status.Provisioned
                && t.Count == count && t.GrowthPermillePerSecond == growth && t.ActiveEmitterMask == (mask & 0xFFFF)
                && t.UptimeMilliseconds == unchecked((uint)(uptime / 1000))
                && t.LinkAgeMilliseconds == (linkAge == int.MaxValue ? 0xFFFF : Math.Clamp(linkAge, 0, 0xFFFE))
                && t.TemperatureCentiCelsius == Math.Clamp(temperature, short.MinValue, short.MaxValue);
            Assert.True(ok, $"run {run}: count {count} growth {growth} uptime {uptime} mask {mask} link {linkAge} temp {temperature} remaining {remaining}");
        }
    }

    [Fact]
    public void Decoders_never_throw_on_arbitrary_bytes()
    {
        Prop.ForAll<byte[]>(bytes =>
        {
            bytes ??= Array.Empty<byte>();
            DiagnosticsPayloads.DecodeStatus(bytes, 0, bytes.Length, new StatusPayload());
            DiagnosticsPayloads.DecodeTelemetry(bytes, 0, bytes.Length, new TelemetryPayload());
            DiagnosticsPayloads.DecodeCounters(bytes, 0, bytes.Length, new CountersPayload());
            DiagnosticsPayloads.DecodeEventPage(bytes, 0, bytes.Length, new EventLogPage());
            DiagnosticsPayloads.DecodeIdentity(bytes, 0, bytes.Length, new DiagnosticsIdentity());
            // Version 1 prefix makes the decoders go past the header check.
            var v1 = new byte[bytes.Length + 1];
            v1[0] = 1;
            bytes.CopyTo(v1, 1);
            DiagnosticsPayloads.DecodeStatus(v1, 0, v1.Length, new StatusPayload());
            DiagnosticsPayloads.DecodeEventPage(v1, 0, v1.Length, new EventLogPage());
            return DiagnosticsPayloads.DecodeIdentity(v1, 0, v1.Length, new DiagnosticsIdentity()) != (PayloadDecodeResult)255;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Identity_text_is_cut_to_32_characters_and_non_ascii_becomes_a_question_mark()
    {
        var service = new DiagnosticsService(new DiagnosticsIdentity { Manufacturer = new string('x', 40), Model = "Kammer\u00e9", SerialNumber = null! });
        var bytes = GoldenFixture.Read(service, DiagnosticsCharacteristic.Identity);
        var decoded = new DiagnosticsIdentity();

        Assert.Equal(PayloadDecodeResult.Ok, DiagnosticsPayloads.DecodeIdentity(bytes, 0, bytes.Length, decoded));
        Assert.Equal(new string('x', 32), decoded.Manufacturer);
        Assert.Equal("Kammer?", decoded.Model);
        Assert.Equal(string.Empty, decoded.SerialNumber);
    }

    [Fact]
    public void Counters_count_each_cut_reason_bit_and_ignore_out_of_range_kinds()
    {
        var counters = new DiagnosticsCounters();
        counters.CountCut((int)(CutReasons.Overcount | CutReasons.ConfigurationInvalid));
        counters.CountSensorError(99);
        counters.CountSensorError(-1);
        counters.CountLinkReject(16);

        Assert.Equal(1, counters.CutsForBit(0));
        Assert.Equal(1, counters.CutsForBit(9));
        Assert.Equal(0, counters.CutsForBit(1));
        for (int i = 0; i < DiagnosticsCounters.SlotsPerKind; i++)
        {
            Assert.Equal(0, counters.SensorErrorsFor(i));
            Assert.Equal(0, counters.LinkRejectsFor(i));
        }
    }
}
