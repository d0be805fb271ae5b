using ChamberFirmware.Core.Safety;
using Xunit;

namespace ChamberFirmware.Core.Tests.Safety;

/// <summary>SelfTestSequencer alone: the three phases in order, each budget to the microsecond, and what each failure reports.</summary>
public class SelfTestSequencerTests
{
    private const long Start = 1_000_000;

    private static SelfTestSequencer InPhase(SelfTestPhase phase, long at)
    {
        var test = new SelfTestSequencer();
        test.Begin(Start);
        if (phase == SelfTestPhase.InterlockDrop) return test;
        Assert.Equal(CutReasons.None, test.Advance(phase == SelfTestPhase.InterlockRecover ? at : Start, false, 0, 0));
        if (phase == SelfTestPhase.InterlockRecover) return test;
        Assert.Equal(CutReasons.None, test.Advance(at, true, 0, 0));
        Assert.Equal(SelfTestPhase.EmittersOff, test.Phase);
        return test;
    }

    [Fact]
    public void No_phase_runs_before_begin_and_advancing_then_is_a_failure()
    {
        var test = new SelfTestSequencer();
        Assert.Equal(SelfTestPhase.None, test.Phase);
        Assert.Equal(CutReasons.SelfTestFailed, test.Advance(Start, false, 0, 0));
    }

    [Fact]
    public void A_passing_test_runs_drop_recover_emitters_off_and_ends()
    {
        var test = new SelfTestSequencer();
        test.Begin(Start);
        Assert.Equal(SelfTestPhase.InterlockDrop, test.Phase);
        Assert.Equal(CutReasons.None, test.Advance(Start + 10_000, false, 0, 0));
        Assert.Equal(SelfTestPhase.InterlockRecover, test.Phase);
        Assert.Equal(CutReasons.None, test.Advance(Start + 20_000, true, 0, 0));
        Assert.Equal(SelfTestPhase.EmittersOff, test.Phase);
        Assert.Equal(CutReasons.None, test.Advance(Start + 30_000, true, 0, 0));
        Assert.Equal(SelfTestPhase.None, test.Phase);
    }

    [Fact]
    public void The_bank_may_stay_powered_for_the_whole_drop_budget_and_not_a_microsecond_more()
    {
        var test = InPhase(SelfTestPhase.InterlockDrop, Start);
        Assert.Equal(CutReasons.None, test.Advance(Start + SafetyTiming.SelfTestDropBudgetMicroseconds, true, 0, 0));
        Assert.Equal(SelfTestPhase.InterlockDrop, test.Phase);
        Assert.Equal(CutReasons.SelfTestFailed, test.Advance(Start + SafetyTiming.SelfTestDropBudgetMicroseconds + 1, true, 0, 0));
    }

    [Fact]
    public void The_recover_budget_runs_from_the_drop_not_from_the_begin()
    {
        long droppedAt = Start + 40_000;
        var test = InPhase(SelfTestPhase.InterlockRecover, droppedAt);
        Assert.Equal(CutReasons.None, test.Advance(droppedAt + SafetyTiming.SelfTestRecoverBudgetMicroseconds, false, 0, 0));
        Assert.Equal(SelfTestPhase.InterlockRecover, test.Phase);
        Assert.Equal(CutReasons.SelfTestFailed, test.Advance(droppedAt + SafetyTiming.SelfTestRecoverBudgetMicroseconds + 1, false, 0, 0));
    }

    [Fact]
    public void A_bank_that_comes_up_at_the_end_of_the_recover_budget_passes_on()
    {
        var test = InPhase(SelfTestPhase.InterlockRecover, Start);
        Assert.Equal(CutReasons.None, test.Advance(Start + 10 * SafetyTiming.SelfTestRecoverBudgetMicroseconds, true, 0, 0));
        Assert.Equal(SelfTestPhase.EmittersOff, test.Phase);
    }

    [Fact]
    public void A_bank_that_drops_after_its_budget_still_moves_on()
    {
        // The phase looks at the bank first: a late drop is a drop (the budget is for a bank that stays up).
        var test = InPhase(SelfTestPhase.InterlockDrop, Start);
        Assert.Equal(CutReasons.None, test.Advance(Start + 10 * SafetyTiming.SelfTestDropBudgetMicroseconds, false, 0, 0));
        Assert.Equal(SelfTestPhase.InterlockRecover, test.Phase);
    }

    [Fact]
    public void Emitters_off_fails_when_the_bank_went_down_again()
    {
        var test = InPhase(SelfTestPhase.EmittersOff, Start + 20_000);
        Assert.Equal(CutReasons.SelfTestFailed, test.Advance(Start + 30_000, false, 0, 0));
    }

    [Fact]
    public void Emitters_off_fails_with_a_mismatch_when_a_line_reads_on()
    {
        var test = InPhase(SelfTestPhase.EmittersOff, Start + 20_000);
        Assert.Equal(CutReasons.EmitterMismatch | CutReasons.SelfTestFailed, test.Advance(Start + 30_000, true, 0b1000_0000, 0));
    }

    [Fact]
    public void Emitters_off_fails_when_anything_was_commanded()
    {
        var test = InPhase(SelfTestPhase.EmittersOff, Start + 20_000);
        Assert.Equal(CutReasons.SelfTestFailed, test.Advance(Start + 30_000, true, 0, 0b1));
    }

    [Fact]
    public void Stop_ends_a_running_test()
    {
        var test = InPhase(SelfTestPhase.InterlockRecover, Start);
        test.Stop();
        Assert.Equal(SelfTestPhase.None, test.Phase);
        Assert.Equal(CutReasons.SelfTestFailed, test.Advance(Start + 10_000, true, 0, 0));
    }

    [Fact]
    public void Begin_restarts_from_the_drop_phase_with_a_new_budget()
    {
        var test = InPhase(SelfTestPhase.EmittersOff, Start + 20_000);
        long again = Start + 1_000_000;
        test.Begin(again);
        Assert.Equal(SelfTestPhase.InterlockDrop, test.Phase);
        Assert.Equal(CutReasons.None, test.Advance(again + SafetyTiming.SelfTestDropBudgetMicroseconds, true, 0, 0));
    }
}
