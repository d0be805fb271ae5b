using ChamberFirmware.Hal.Board;
using ChamberFirmware.Hal.Drivers.Interlock;
using ChamberFirmware.Hal.Simulated;
using ChamberFirmware.Hal.Simulated.Faults;
using Xunit;

namespace ChamberFirmware.Hal.Tests.Drivers;

public class EmitterInterlockTests
{
    private static (SimulatedChamber Chamber, ChamberDrivers Drivers) Board()
    {
        var chamber = new SimulatedChamber(9, new ManualClock());
        return (chamber, new ChamberDrivers(chamber));
    }

    [Fact]
    public void The_bank_is_unpowered_at_power_on_and_one_stray_edge_does_not_power_it()
    {
        var (chamber, drivers) = Board();
        Assert.False(drivers.Interlock.IsBankPowered());
        drivers.Interlock.ToggleKeepAlive();
        Assert.False(drivers.Interlock.IsBankPowered());
        chamber.Advance(30_000);
        drivers.Interlock.ToggleKeepAlive();
        Assert.False(drivers.Interlock.IsBankPowered()); // edges 30 ms apart: too slow to charge
    }

    [Fact]
    public void The_bank_stays_up_while_the_supervisor_toggles_every_tick()
    {
        var (chamber, drivers) = Board();
        drivers.Emitters.SetChannelMask(BoardPins.AllEmitterChannelsMask);
        drivers.Interlock.ToggleKeepAlive();
        for (int tick = 0; tick < 1_000; tick++)
        {
            for (int ms = 0; ms < 10; ms++)
            {
                chamber.Advance(1_000);
                if (tick > 0 || ms == 9)
                {
                    Assert.True(tick == 0 || drivers.Interlock.IsBankPowered(), $"bank dropped at {chamber.Clock.NowMicroseconds} µs");
                }
            }

            drivers.Interlock.ToggleKeepAlive();
        }

        Assert.True(chamber.BankPowered);
        Assert.Equal(BoardPins.AllEmitterChannelsMask, chamber.PoweredChannelMask);
        Assert.Equal(0, chamber.HoldCircuit.Drops);
    }

    [Fact]
    public void Without_toggles_the_bank_drops_exactly_one_hold_time_after_the_last_edge()
    {
        var (chamber, drivers) = Board();
        drivers.Emitters.SetChannelMask(0b1111);
        drivers.Interlock.ToggleKeepAlive();
        chamber.Advance(10_000);
        drivers.Interlock.ToggleKeepAlive();
        long lastEdge = chamber.Clock.NowMicroseconds;
        Assert.Equal(0b1111, chamber.PoweredChannelMask);

        chamber.Advance(BoardPins.KeepAliveHoldMicroseconds - 1);
        Assert.True(drivers.Interlock.IsBankPowered());
        chamber.Advance(1);
        Assert.False(drivers.Interlock.IsBankPowered());
        Assert.Equal(lastEdge + 25_000, chamber.Clock.NowMicroseconds);
        Assert.Equal(0, chamber.PoweredChannelMask);
        Assert.Equal(0, drivers.Emitters.ReadReadbackMask());
        Assert.Equal(0b1111, drivers.Emitters.CommandedMask); // the enables are still set: the hardware cut is independent
    }

    [Fact]
    public void One_late_tick_is_tolerated_two_are_not()
    {
        var (chamber, drivers) = Board();
        drivers.Interlock.ToggleKeepAlive();
        chamber.Advance(10_000);
        drivers.Interlock.ToggleKeepAlive();
        chamber.Advance(20_000); // one tick missed
        Assert.True(drivers.Interlock.IsBankPowered());
        drivers.Interlock.ToggleKeepAlive();
        chamber.Advance(30_000); // two ticks missed
        Assert.False(drivers.Interlock.IsBankPowered());
    }

    [Fact]
    public void A_large_advance_drops_the_bank_at_the_right_moment_for_the_plant()
    {
        var (chamber, drivers) = Board();
        drivers.Emitters.SetChannelMask(BoardPins.AllEmitterChannelsMask);
        drivers.Interlock.ToggleKeepAlive();
        chamber.Advance(10_000);
        drivers.Interlock.ToggleKeepAlive();
        long stepsBefore = chamber.Plant.Steps;
        chamber.Advance(10_000_000);
        Assert.False(chamber.BankPowered);
        Assert.Equal(1, chamber.HoldCircuit.Drops);
        Assert.Equal(stepsBefore + 10_000, chamber.Plant.Steps);
    }

    [Fact]
    public void A_stuck_keep_alive_line_drops_the_bank()
    {
        var (chamber, drivers) = Board();
        drivers.Interlock.ToggleKeepAlive();
        chamber.Advance(10_000);
        drivers.Interlock.ToggleKeepAlive();
        chamber.Faults.Add(15_000, SimulatedPart.KeepAlive, FaultKind.KeepAliveStuck);
        for (int tick = 0; tick < 5; tick++)
        {
            chamber.Advance(10_000);
            drivers.Interlock.ToggleKeepAlive();
        }

        Assert.False(drivers.Interlock.IsBankPowered());
        Assert.Equal(7, drivers.Interlock.Toggles);
    }

    [Fact]
    public void A_hold_circuit_stuck_powered_keeps_the_bank_up_without_toggles_and_the_sense_line_shows_it()
    {
        var (chamber, drivers) = Board();
        chamber.InjectFault(SimulatedPart.HoldCircuit, FaultKind.HoldCircuitStuckPowered);
        chamber.Advance(100_000);
        Assert.True(drivers.Interlock.IsBankPowered()); // what a cut-path self-test must catch
    }

    [Theory]
    [InlineData(FaultKind.PowerSenseStuckHigh, true)]
    [InlineData(FaultKind.PowerSenseStuckLow, false)]
    public void A_stuck_power_sense_line_reads_its_stuck_level(FaultKind fault, bool reads)
    {
        var (chamber, drivers) = Board();
        chamber.InjectFault(SimulatedPart.InterlockPowerSense, fault);
        chamber.Advance(100_000);
        Assert.Equal(reads, drivers.Interlock.IsBankPowered());
        Assert.False(chamber.BankPowered);
    }
}
