using ChamberFirmware.Core.Safety;
using Xunit;

namespace ChamberFirmware.Core.Tests.Safety;

/// <summary>WatchdogChannels alone: every channel must have checked in, each within its own timeout.</summary>
public class WatchdogChannelsTests
{
    private const long Start = 1_000_000;

    private static void CheckInAll(WatchdogChannels watchdog, long now)
    {
        watchdog.CheckIn(WatchdogChannel.ControlLoop, now);
        watchdog.CheckIn(WatchdogChannel.SensorLoop, now);
        watchdog.CheckIn(WatchdogChannel.LinkLoop, now);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(Start)]
    public void A_channel_that_never_checked_in_is_silent_at_any_time(long now)
    {
        Assert.Equal(CutReasons.WatchdogChannel, new WatchdogChannels().Conditions(now));
    }

    [Theory]
    [InlineData(WatchdogChannel.ControlLoop)]
    [InlineData(WatchdogChannel.SensorLoop)]
    [InlineData(WatchdogChannel.LinkLoop)]
    public void Each_channel_must_have_checked_in(WatchdogChannel missing)
    {
        var watchdog = new WatchdogChannels();
        for (int i = 0; i < WatchdogChannels.ChannelCount; i++)
        {
            if (i != (int)missing) watchdog.CheckIn((WatchdogChannel)i, Start);
        }

        Assert.Equal(CutReasons.WatchdogChannel, watchdog.Conditions(Start));
        watchdog.CheckIn(missing, Start);
        Assert.Equal(CutReasons.None, watchdog.Conditions(Start));
    }

    [Fact]
    public void Check_ins_at_time_zero_count()
    {
        var watchdog = new WatchdogChannels();
        CheckInAll(watchdog, 0);
        Assert.Equal(CutReasons.None, watchdog.Conditions(0));
    }

    [Theory]
    [InlineData(WatchdogChannel.ControlLoop, SafetyTiming.ControlLoopTimeoutMilliseconds)]
    [InlineData(WatchdogChannel.SensorLoop, SafetyTiming.SensorLoopTimeoutMilliseconds)]
    [InlineData(WatchdogChannel.LinkLoop, SafetyTiming.LinkLoopTimeoutMilliseconds)]
    public void A_channel_is_healthy_for_exactly_its_own_timeout(WatchdogChannel channel, int timeoutMilliseconds)
    {
        var watchdog = new WatchdogChannels();
        long edge = Start + timeoutMilliseconds * 1000L;
        CheckInAll(watchdog, edge); // the others are fresh at the edge
        watchdog.CheckIn(channel, Start);
        Assert.Equal(CutReasons.None, watchdog.Conditions(edge));
        Assert.Equal(CutReasons.WatchdogChannel, watchdog.Conditions(edge + 1));
    }

    [Fact]
    public void The_link_loop_has_longer_than_the_other_loops()
    {
        var watchdog = new WatchdogChannels();
        CheckInAll(watchdog, Start);
        long now = Start + SafetyTiming.ControlLoopTimeoutMilliseconds * 1000L + 1;
        watchdog.CheckIn(WatchdogChannel.ControlLoop, now);
        watchdog.CheckIn(WatchdogChannel.SensorLoop, now);
        Assert.Equal(CutReasons.None, watchdog.Conditions(now));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(255)]
    public void A_check_in_for_an_unknown_channel_is_ignored(int channel)
    {
        var watchdog = new WatchdogChannels();
        CheckInAll(watchdog, Start);
        watchdog.CheckIn((WatchdogChannel)channel, Start + 1_000_000);
        Assert.Equal(CutReasons.WatchdogChannel, watchdog.Conditions(Start + 1_000_000));
    }

    [Fact]
    public void A_later_check_in_renews_the_channel()
    {
        var watchdog = new WatchdogChannels();
        CheckInAll(watchdog, Start);
        CheckInAll(watchdog, Start + 90_000);
        Assert.Equal(CutReasons.None, watchdog.Conditions(Start + 190_000));
    }
}
