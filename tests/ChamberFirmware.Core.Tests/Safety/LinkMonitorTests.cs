using ChamberFirmware.Core.Safety;
using Xunit;

namespace ChamberFirmware.Core.Tests.Safety;

/// <summary>LinkMonitor alone: the timeout edge, drops, the reported age, and the run of heartbeats a clear needs.</summary>
public class LinkMonitorTests
{
    private const int TimeoutMilliseconds = 250;
    private const long Timeout = TimeoutMilliseconds * 1000L;
    private const int Rearm = 5;
    private const long Beat = 50_000;
    private const long Start = 1_000_000;

    private readonly LinkMonitor _link = new LinkMonitor();

    public LinkMonitorTests()
    {
        _link.ApplySettings(TimeoutMilliseconds, Rearm);
    }

    /// <summary>Heartbeats Beat apart from <paramref name="from"/>; returns the time of the last one.</summary>
    private long Heartbeats(int count, long from = Start)
    {
        long now = from;
        for (int i = 0; i < count; i++)
        {
            now = from + i * Beat;
            _link.OnHeartbeat(now);
        }

        return now;
    }

    [Fact]
    public void The_timeout_is_taken_in_milliseconds()
    {
        Assert.Equal(Timeout, _link.TimeoutMicroseconds);
        _link.ApplySettings(2000, 2);
        Assert.Equal(2_000_000, _link.TimeoutMicroseconds);
    }

    [Fact]
    public void Before_the_first_heartbeat_the_link_is_lost_and_has_no_age()
    {
        Assert.Equal(CutReasons.LinkLost, _link.Conditions(0));
        Assert.Equal(CutReasons.LinkLost, _link.ClearBlockers(0));
        _link.Tick(Start);
        Assert.Equal(int.MaxValue, _link.AgeMilliseconds);
    }

    [Fact]
    public void A_heartbeat_keeps_the_link_up_for_exactly_the_timeout()
    {
        _link.OnHeartbeat(Start);
        Assert.Equal(CutReasons.None, _link.Conditions(Start + Timeout));
        Assert.Equal(CutReasons.LinkLost, _link.Conditions(Start + Timeout + 1));
    }

    [Fact]
    public void A_heartbeat_at_time_zero_counts()
    {
        _link.OnHeartbeat(0);
        Assert.Equal(CutReasons.None, _link.Conditions(0));
        _link.Tick(1000);
        Assert.Equal(1, _link.AgeMilliseconds);
    }

    [Fact]
    public void A_drop_loses_the_link_at_once_and_the_next_heartbeat_brings_it_back()
    {
        _link.OnHeartbeat(Start);
        _link.OnLinkDown();
        Assert.Equal(CutReasons.LinkLost, _link.Conditions(Start));
        _link.OnHeartbeat(Start + 1);
        Assert.Equal(CutReasons.None, _link.Conditions(Start + 1));
    }

    [Fact]
    public void The_age_is_whole_milliseconds_since_the_last_heartbeat()
    {
        _link.OnHeartbeat(Start);
        _link.Tick(Start + 999);
        Assert.Equal(0, _link.AgeMilliseconds);
        _link.Tick(Start + 12_999);
        Assert.Equal(12, _link.AgeMilliseconds);
    }

    [Fact]
    public void A_heartbeat_stamped_after_the_tick_reads_as_age_zero_not_negative()
    {
        _link.OnHeartbeat(Start + 1_500);
        _link.Tick(Start);
        Assert.Equal(0, _link.AgeMilliseconds);
    }

    [Fact]
    public void An_age_beyond_int_range_is_reported_as_the_largest_int()
    {
        _link.OnHeartbeat(0);
        _link.Tick((int.MaxValue - 1L) * 1000);
        Assert.Equal(int.MaxValue - 1, _link.AgeMilliseconds);
        _link.Tick((int.MaxValue + 1L) * 1000);
        Assert.Equal(int.MaxValue, _link.AgeMilliseconds);
    }

    [Fact]
    public void A_clear_needs_the_configured_number_of_consecutive_heartbeats()
    {
        long last = Heartbeats(Rearm - 1);
        Assert.Equal(CutReasons.LinkLost, _link.ClearBlockers(last));
        _link.OnHeartbeat(last + Beat);
        Assert.Equal(CutReasons.None, _link.ClearBlockers(last + Beat));
    }

    [Fact]
    public void Heartbeats_exactly_the_timeout_apart_are_consecutive_and_one_microsecond_more_are_not()
    {
        for (int i = 0; i < Rearm; i++) _link.OnHeartbeat(Start + i * Timeout);
        long last = Start + (Rearm - 1) * Timeout;
        Assert.Equal(CutReasons.None, _link.ClearBlockers(last));

        var other = new LinkMonitor();
        other.ApplySettings(TimeoutMilliseconds, Rearm);
        for (int i = 0; i < Rearm; i++) other.OnHeartbeat(Start + i * (Timeout + 1));
        Assert.Equal(CutReasons.LinkLost, other.ClearBlockers(Start + (Rearm - 1) * (Timeout + 1)));
    }

    [Fact]
    public void A_clear_is_blocked_once_the_last_heartbeat_is_older_than_the_timeout()
    {
        long last = Heartbeats(10);
        Assert.Equal(CutReasons.None, _link.ClearBlockers(last + Timeout));
        Assert.Equal(CutReasons.LinkLost, _link.ClearBlockers(last + Timeout + 1));
    }

    [Fact]
    public void A_drop_ends_the_run_of_heartbeats()
    {
        long last = Heartbeats(10);
        _link.OnLinkDown();
        Assert.Equal(CutReasons.LinkLost, _link.ClearBlockers(last));
        last = Heartbeats(Rearm - 1, last + Beat);
        Assert.Equal(CutReasons.LinkLost, _link.ClearBlockers(last));
        _link.OnHeartbeat(last + Beat);
        Assert.Equal(CutReasons.None, _link.ClearBlockers(last + Beat));
    }

    [Fact]
    public void A_tick_that_sees_the_link_timed_out_ends_the_run_even_if_the_timeout_is_raised_afterwards()
    {
        long last = Heartbeats(10);
        _link.Tick(last + Timeout + 1);
        _link.ApplySettings(HardLimits.LinkTimeoutMaxMilliseconds, Rearm);
        _link.OnHeartbeat(last + Timeout + 2); // continuous under the new timeout, not under the old
        Assert.Equal(CutReasons.LinkLost, _link.ClearBlockers(last + Timeout + 2));
    }

    [Fact]
    public void A_tick_at_exactly_the_timeout_keeps_the_run()
    {
        long last = Heartbeats(Rearm - 1);
        _link.Tick(last + Timeout);
        _link.OnHeartbeat(last + Timeout);
        Assert.Equal(CutReasons.None, _link.ClearBlockers(last + Timeout));
    }
}
