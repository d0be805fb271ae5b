using System;
using ChamberFirmware.Hal.Simulated;
using Xunit;

namespace ChamberFirmware.Hal.Tests.Simulated;

public class ManualClockTests
{
    [Fact]
    public void Time_moves_only_when_advanced()
    {
        var clock = new ManualClock(1_000);
        Assert.Equal(1_000, clock.NowMicroseconds);
        clock.AdvanceMilliseconds(10);
        Assert.Equal(11_000, clock.NowMicroseconds);
        clock.AdvanceMicroseconds(5);
        Assert.Equal(11_005, clock.NowMicroseconds);
    }

    [Fact]
    public void Time_never_goes_backwards()
    {
        var clock = new ManualClock();
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.AdvanceMicroseconds(-1));
        Assert.Equal(0, clock.NowMicroseconds);
    }
}
