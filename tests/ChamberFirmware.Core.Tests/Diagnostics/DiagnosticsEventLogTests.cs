using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;
using Xunit;

namespace ChamberFirmware.Core.Tests.Diagnostics;

public class DiagnosticsEventLogTests
{
    [Fact]
    public void Windows_page_the_log_newest_first_and_stop_at_the_oldest()
    {
        var log = new DiagnosticsEventLog(64);
        for (int i = 0; i < 10; i++)
        {
            log.Append(DiagnosticsEventKind.Arm, ChamberState.Armed, i * 100, CutReasons.None, i, 0, 0, 0, 0);
        }

        Assert.Equal(new uint[] { 9, 8, 7, 6 }, Window(log, 0, 4));
        Assert.Equal(new uint[] { 5, 4, 3, 2 }, Window(log, 1, 4));
        Assert.Equal(new uint[] { 1, 0 }, Window(log, 2, 4));
        Assert.Empty(Window(log, 3, 4));
    }

    [Fact]
    public void A_full_ring_overwrites_the_oldest_and_keeps_sequence_numbers()
    {
        var log = new DiagnosticsEventLog(5);
        for (int i = 0; i < 12; i++)
        {
            log.Append(DiagnosticsEventKind.Cut, ChamberState.SafeStop, 1_000L * i, CutReasons.SensorFault, 100 + i, -i, 7, -300, 3);
        }

        var records = NewRecords(7);
        var oldestAndNext = new uint[2];
        int copied = log.CopyWindow(0, 7, records, oldestAndNext);

        Assert.Equal(5, copied);
        Assert.Equal(7u, oldestAndNext[0]);
        Assert.Equal(12u, oldestAndNext[1]);
        Assert.Equal(11u, records[0].Sequence);
        Assert.Equal(11_000L, records[0].TimeMicroseconds);
        Assert.Equal(111, records[0].Count);
        Assert.Equal(-11, records[0].GrowthPermillePerSecond);
        Assert.Equal(-300, records[0].TemperatureCentiCelsius);
        Assert.Equal(CutReasons.SensorFault, records[0].Reasons);
        Assert.Equal(7u, records[4].Sequence);
    }

    [Fact]
    public void An_empty_log_reads_as_an_empty_page()
    {
        var service = new DiagnosticsService(GoldenFixture.Identity());
        var page = new EventLogPage();
        var bytes = GoldenFixture.Read(service, DiagnosticsCharacteristic.EventWindowFirst);

        Assert.Equal(PayloadDecodeResult.Ok, DiagnosticsPayloads.DecodeEventPage(bytes, 0, bytes.Length, page));
        Assert.Equal(0, page.RecordCount);
        Assert.Equal(0u, page.NextSequence);
    }

    private static uint[] Window(DiagnosticsEventLog log, int window, int pageSize)
    {
        var records = NewRecords(pageSize);
        var oldestAndNext = new uint[2];
        int copied = log.CopyWindow(window, pageSize, records, oldestAndNext);
        var sequences = new uint[copied];
        for (int i = 0; i < copied; i++)
        {
            sequences[i] = records[i].Sequence;
        }

        return sequences;
    }

    private static DiagnosticsEventRecord[] NewRecords(int n)
    {
        var records = new DiagnosticsEventRecord[n];
        for (int i = 0; i < n; i++)
        {
            records[i] = new DiagnosticsEventRecord();
        }

        return records;
    }
}
