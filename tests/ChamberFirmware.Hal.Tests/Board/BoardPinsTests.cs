using System.Collections.Generic;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Hal.Board;
using Xunit;

namespace ChamberFirmware.Hal.Tests.Board;

public class BoardPinsTests
{
    [Fact]
    public void The_board_has_as_many_channels_as_the_core_limits_assume()
    {
        Assert.Equal(HardLimits.EmitterChannels, BoardPins.EmitterChannelCount);
        Assert.Equal((1 << HardLimits.EmitterChannels) - 1, BoardPins.AllEmitterChannelsMask);
    }

    [Fact]
    public void The_hold_time_tolerates_one_late_tick_but_not_two()
    {
        Assert.True(BoardPins.KeepAliveHoldMicroseconds > 2 * BoardPins.KeepAliveTogglePeriodMicroseconds);
        Assert.True(BoardPins.KeepAliveHoldMicroseconds < 3 * BoardPins.KeepAliveTogglePeriodMicroseconds);
        Assert.Equal(HardLimits.SupervisorPeriodMilliseconds * 1000, BoardPins.KeepAliveTogglePeriodMicroseconds);
    }

    [Fact]
    public void Every_signal_has_its_own_usable_gpio()
    {
        var pins = new List<int>
        {
            Esp32PinMap.SensorBusData, Esp32PinMap.SensorBusClock, Esp32PinMap.KeepAlive, Esp32PinMap.InterlockPowerSense,
            Esp32PinMap.StatusLed, Esp32PinMap.Buzzer, Esp32PinMap.ProvisioningJumper,
        };
        var outputs = new List<int> { Esp32PinMap.KeepAlive, Esp32PinMap.StatusLed, Esp32PinMap.Buzzer };
        for (int channel = 0; channel < BoardPins.EmitterChannelCount; channel++)
        {
            pins.Add(Esp32PinMap.EmitterEnable(channel));
            pins.Add(Esp32PinMap.EmitterReadback(channel));
            outputs.Add(Esp32PinMap.EmitterEnable(channel));
        }

        Assert.Equal(pins.Count, new HashSet<int>(pins).Count);
        int[] flashOrUart = { 1, 3, 6, 7, 8, 9, 10, 11 };
        int[] inputOnly = { 34, 35, 36, 39 };
        int[] strapsOrBootGlitch = { 0, 2, 5, 12, 14, 15 };
        foreach (int pin in pins)
        {
            Assert.InRange(pin, 0, 39);
            Assert.DoesNotContain(pin, flashOrUart);
        }

        foreach (int pin in outputs)
        {
            Assert.DoesNotContain(pin, inputOnly);
            Assert.DoesNotContain(pin, strapsOrBootGlitch); // an output must not glitch or strap at reset
        }

        Assert.Equal(Esp32PinMap.NoPin, Esp32PinMap.EmitterEnable(BoardPins.EmitterChannelCount));
        Assert.Equal(Esp32PinMap.NoPin, Esp32PinMap.EmitterReadback(-1));
    }
}
