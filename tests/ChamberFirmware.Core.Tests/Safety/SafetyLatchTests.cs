using ChamberFirmware.Core.Safety;
using Xunit;

namespace ChamberFirmware.Core.Tests.Safety;

/// <summary>SafetyLatch alone: what a cut records, how reasons add up while latched, and what a release keeps.</summary>
public class SafetyLatchTests
{
    [Fact]
    public void A_new_latch_holds_nothing_and_has_no_cut()
    {
        var latch = new SafetyLatch();
        Assert.Equal(CutReasons.None, latch.Latched);
        Assert.Equal(CutReasons.None, latch.LastCutReasons);
        Assert.Equal(0, latch.LastCut.Sequence);
    }

    [Fact]
    public void A_cut_records_every_figure_of_the_moment()
    {
        var latch = new SafetyLatch();
        int sequence = latch.Latch(CutReasons.Overcount | CutReasons.LinkLost, 1_234_567, 45_678, 321, 260, 4_150, 0b1010, 0b0110);

        Assert.Equal(1, sequence);
        Assert.Equal(CutReasons.Overcount | CutReasons.LinkLost, latch.Latched);
        Assert.Equal(CutReasons.Overcount | CutReasons.LinkLost, latch.LastCutReasons);
        Assert.Equal(1_234_567, latch.LatchedAt);
        CutSnapshot cut = latch.LastCut;
        Assert.Equal(1, cut.Sequence);
        Assert.Equal(1_234_567, cut.TimeMicroseconds);
        Assert.Equal(CutReasons.Overcount | CutReasons.LinkLost, cut.Reasons);
        Assert.Equal(45_678, cut.Count);
        Assert.Equal(321, cut.GrowthPermillePerSecond);
        Assert.Equal(260, cut.LinkAgeMilliseconds);
        Assert.Equal(4_150, cut.TemperatureCentiCelsius);
        Assert.Equal(0b1010, cut.EmitterMask);
        Assert.Equal(0b0110, cut.EmitterReadbackMask);
    }

    [Fact]
    public void While_latched_added_reasons_join_the_latched_set_but_not_the_cut_record()
    {
        var latch = new SafetyLatch();
        latch.Latch(CutReasons.OverTemperature, 100, 0, 0, 0, 0, 0, 0);
        latch.Add(CutReasons.SelfTestFailed);
        latch.Add(CutReasons.None);
        Assert.Equal(CutReasons.OverTemperature | CutReasons.SelfTestFailed, latch.Latched);
        Assert.Equal(CutReasons.OverTemperature, latch.LastCutReasons);
        Assert.Equal(CutReasons.OverTemperature, latch.LastCut.Reasons);
        Assert.Equal(100, latch.LatchedAt);
    }

    [Fact]
    public void A_second_cut_while_latched_adds_up_and_records_only_its_own_reasons()
    {
        var latch = new SafetyLatch();
        latch.Latch(CutReasons.LinkLost, 100, 0, 0, 0, 0, 0, 0);
        Assert.Equal(2, latch.Latch(CutReasons.SensorFault, 200, 7, 0, 0, 0, 0, 0));
        Assert.Equal(CutReasons.LinkLost | CutReasons.SensorFault, latch.Latched);
        Assert.Equal(CutReasons.LinkLost | CutReasons.SensorFault, latch.LastCutReasons);
        Assert.Equal(CutReasons.SensorFault, latch.LastCut.Reasons);
        Assert.Equal(200, latch.LatchedAt);
        Assert.Equal(7, latch.LastCut.Count);
    }

    [Fact]
    public void A_reason_latched_again_stays_latched()
    {
        var latch = new SafetyLatch();
        latch.Latch(CutReasons.LinkLost, 100, 0, 0, 0, 0, 0, 0);
        latch.Latch(CutReasons.LinkLost | CutReasons.Overcount, 200, 0, 0, 0, 0, 0, 0);
        Assert.Equal(CutReasons.LinkLost | CutReasons.Overcount, latch.Latched);
        latch.Add(CutReasons.LinkLost);
        Assert.Equal(CutReasons.LinkLost | CutReasons.Overcount, latch.Latched);
    }

    [Fact]
    public void A_release_empties_the_latch_and_keeps_the_record_of_the_last_cut()
    {
        var latch = new SafetyLatch();
        latch.Latch(CutReasons.WatchdogChannel, 100, 0, 0, 0, 0, 0, 0);
        latch.Add(CutReasons.SelfTestFailed);
        latch.Release();
        Assert.Equal(CutReasons.None, latch.Latched);
        Assert.Equal(CutReasons.WatchdogChannel, latch.LastCutReasons);
        Assert.Equal(1, latch.LastCut.Sequence);
    }

    [Fact]
    public void A_cut_after_a_release_latches_only_its_own_reasons_with_the_next_sequence()
    {
        var latch = new SafetyLatch();
        latch.Latch(CutReasons.WatchdogChannel, 100, 0, 0, 0, 0, 0, 0);
        latch.Release();
        Assert.Equal(2, latch.Latch(CutReasons.EmitterMismatch, 300, 0, 0, 0, 0, 0, 0b1));
        Assert.Equal(CutReasons.EmitterMismatch, latch.Latched);
        Assert.Equal(CutReasons.EmitterMismatch, latch.LastCutReasons);
        Assert.Equal(2, latch.LastCut.Sequence);
        Assert.Equal(300, latch.LatchedAt);
    }
}
