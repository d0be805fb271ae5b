using ChamberFirmware.Core.Safety;
using Xunit;

namespace ChamberFirmware.Core.Tests.Safety;

/// <summary>EmitterMonitor alone: the read-back against the last two commands, quiet, and the clear blockers.</summary>
public class EmitterMonitorTests
{
    private readonly EmitterMonitor _emitters = new EmitterMonitor();

    [Fact]
    public void With_nothing_commanded_a_line_reading_on_is_a_mismatch()
    {
        Assert.Equal(CutReasons.None, _emitters.Observe(0, false));
        Assert.Equal(CutReasons.EmitterMismatch, _emitters.Observe(0b0100_0000, true));
        Assert.Equal(CutReasons.EmitterMismatch, _emitters.Conditions());
    }

    [Fact]
    public void After_a_change_each_bit_may_show_either_the_new_or_the_previous_command_for_one_tick()
    {
        _emitters.Applied(0b0011);
        Assert.Equal(CutReasons.None, _emitters.Observe(0b0011, true)); // settled
        _emitters.Applied(0b0110);
        Assert.Equal(CutReasons.None, _emitters.Observe(0b0011, true)); // still the old command
        Assert.Equal(CutReasons.None, _emitters.Observe(0b0110, true)); // already the new one
        Assert.Equal(CutReasons.None, _emitters.Observe(0b0010, true)); // bit 0 new (off), bit 2 old (off)
        Assert.Equal(CutReasons.None, _emitters.Observe(0b0111, true)); // bit 0 old (on), bit 2 new (on)
        Assert.Equal(CutReasons.EmitterMismatch, _emitters.Observe(0b1010, true)); // bit 3: neither
        _emitters.Applied(0b0110);
        Assert.Equal(CutReasons.EmitterMismatch, _emitters.Observe(0b0011, true)); // two ticks on the old one
    }

    [Fact]
    public void A_bit_on_that_neither_command_had_is_a_mismatch_even_next_to_correct_bits()
    {
        _emitters.Applied(0b0001);
        _emitters.Applied(0b0001);
        Assert.Equal(CutReasons.EmitterMismatch, _emitters.Observe(0b1001, true));
    }

    [Fact]
    public void A_commanded_line_that_stays_off_is_a_mismatch_once_both_commands_had_it()
    {
        _emitters.Applied(0b1000);
        Assert.Equal(CutReasons.None, _emitters.Observe(0, true));
        _emitters.Applied(0b1000);
        Assert.Equal(CutReasons.EmitterMismatch, _emitters.Observe(0, true));
    }

    [Fact]
    public void The_conditions_follow_the_latest_command_between_ticks()
    {
        Assert.Equal(CutReasons.EmitterMismatch, _emitters.Observe(0b1, true));
        _emitters.Applied(0b1);
        _emitters.Applied(0b1);
        Assert.Equal(CutReasons.None, _emitters.Conditions());
        _emitters.Applied(0);
        _emitters.Applied(0);
        Assert.Equal(CutReasons.EmitterMismatch, _emitters.Conditions());
    }

    [Fact]
    public void It_reports_the_latest_read_back_power_sense_and_command()
    {
        _emitters.Applied(0b101);
        _emitters.Observe(0b100, true);
        Assert.Equal(0b100, _emitters.Readback);
        Assert.True(_emitters.InterlockPowered);
        Assert.Equal(0b101, _emitters.LastApplied);
        _emitters.Applied(0b1);
        _emitters.Observe(0, false);
        Assert.Equal(0, _emitters.Readback);
        Assert.False(_emitters.InterlockPowered);
        Assert.Equal(0b1, _emitters.LastApplied);
    }

    [Fact]
    public void Quiet_only_with_nothing_read_back_and_nothing_commanded_at_the_last_tick()
    {
        Assert.True(_emitters.IsQuiet);
        _emitters.Observe(0b10, true);
        Assert.False(_emitters.IsQuiet);
        _emitters.Observe(0, true);
        _emitters.Applied(0b10);
        Assert.False(_emitters.IsQuiet);
        _emitters.Applied(0); // the one before still had it: only the latest command counts
        Assert.True(_emitters.IsQuiet);
    }

    [Fact]
    public void A_clear_is_blocked_by_a_line_reading_on_and_by_a_powered_bank_each_on_its_own()
    {
        _emitters.Observe(0, false);
        Assert.Equal(CutReasons.None, _emitters.ClearBlockers());
        _emitters.Observe(0b1, false);
        Assert.Equal(CutReasons.EmitterMismatch, _emitters.ClearBlockers());
        _emitters.Observe(0, true);
        Assert.Equal(CutReasons.SelfTestFailed, _emitters.ClearBlockers());
        _emitters.Observe(0b1000_0000, true);
        Assert.Equal(CutReasons.EmitterMismatch | CutReasons.SelfTestFailed, _emitters.ClearBlockers());
    }
}
