using System;
using System.Collections.Generic;
using ChamberFirmware.Hal.Board;
using ChamberFirmware.Hal.Drivers.Counter;
using ChamberFirmware.Hal.Drivers.Temperature;
using ChamberFirmware.Hal.Sensors;
using ChamberFirmware.Hal.Simulated;
using ChamberFirmware.Hal.Simulated.Faults;
using ChamberFirmware.Hal.Simulated.I2c;
using Xunit;

namespace ChamberFirmware.Hal.Tests.Simulated;

public class SimulatedChamberTests
{
    /// <summary>A supervisor-like loop over the drivers; returns what it saw, tick by tick.</summary>
    private static List<(int Count, int Sequence, int Temperature, long TrueCount, int Powered)> Run(int seed, int ticks, Action<SimulatedChamber>? script = null)
    {
        var chamber = new SimulatedChamber(seed, new ManualClock());
        script?.Invoke(chamber);
        var drivers = new ChamberDrivers(chamber);
        Assert.Equal(SensorReadStatus.Ok, drivers.Counter.Initialize());
        Assert.Equal(SensorReadStatus.Ok, drivers.Temperature.Initialize());
        var count = new NanobotCountSample();
        var temperature = new TemperatureSample();
        var trace = new List<(int, int, int, long, int)>();
        for (int tick = 0; tick < ticks; tick++)
        {
            drivers.Interlock.ToggleKeepAlive();
            drivers.Emitters.SetChannelMask(tick < ticks / 2 ? BoardPins.AllEmitterChannelsMask : 0);
            drivers.Counter.TryRead(count);
            drivers.Temperature.TryRead(temperature);
            trace.Add((count.Count, count.SequenceNumber, temperature.CentiCelsius, chamber.TrueCount, chamber.PoweredChannelMask));
            chamber.Advance(10_000);
        }

        return trace;
    }

    [Fact]
    public void The_same_seed_gives_the_same_trajectory()
    {
        Action<SimulatedChamber> script = c => c.Faults
            .Add(1_000_000, SimulatedPart.Plant, FaultKind.RogueReplication, clearAtMicroseconds: 3_000_000)
            .Add(2_000_000, SimulatedPart.NanobotCounter, FaultKind.GarbageBytes, clearAtMicroseconds: 2_100_000);
        var first = Run(1234, 600, script);
        var second = Run(1234, 600, script);
        Assert.Equal(first, second);

        var other = Run(1235, 600, script);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Different_seeds_give_different_initial_counts_and_ambients()
    {
        // System.Random's first NextInt64 in a range is the same for every seed: the plant must mix
        // its seed first, or every seeded chamber starts with the same population.
        var counts = new HashSet<long>();
        var ambients = new HashSet<long>();
        for (int seed = 1; seed <= 20; seed++)
        {
            var chamber = new SimulatedChamber(seed, new ManualClock());
            counts.Add(chamber.TrueCount);
            ambients.Add(chamber.Plant.AmbientMilliCelsius);
            Assert.InRange(chamber.TrueCount, 1_900, 2_100); // 2000 ± 5 %
        }

        Assert.True(counts.Count >= 15, $"only {counts.Count} distinct initial counts over 20 seeds");
        Assert.True(ambients.Count >= 15, $"only {ambients.Count} distinct ambients over 20 seeds");
    }

    [Fact]
    public void The_firmware_loop_sees_the_plant_grow_while_powered_and_shrink_after()
    {
        var trace = Run(5, 1_000);
        Assert.Equal(BoardPins.AllEmitterChannelsMask, trace[100].Powered);
        Assert.Equal(0, trace[700].Powered);
        Assert.True(trace[499].TrueCount > trace[10].TrueCount * 2);
        Assert.True(trace[999].TrueCount < trace[499].TrueCount);
        Assert.InRange(trace[499].Count, trace[499].TrueCount * 0.99, trace[499].TrueCount * 1.01);
        Assert.True(trace[499].Temperature > trace[10].Temperature);
    }

    [Fact]
    public void Scheduled_faults_apply_at_their_time_and_clear_at_theirs()
    {
        var chamber = new SimulatedChamber(1, new ManualClock());
        chamber.Faults.Add(50_000, SimulatedPart.NanobotCounter, FaultKind.I2cNack, clearAtMicroseconds: 80_000);
        chamber.Faults.Add(60_000, SimulatedPart.EmitterChannel, FaultKind.EmitterStuckOn, channel: 3);
        Assert.Equal(3, chamber.Faults.Pending);

        chamber.Advance(49_999);
        Assert.Equal(ChipFaults.None, chamber.CounterChip.Faults);
        chamber.Advance(1);
        Assert.True(chamber.CounterChip.Has(ChipFaults.Nack));
        chamber.Advance(10_000);
        Assert.True(chamber.Channel(3).StuckOn);
        chamber.Advance(20_000);
        Assert.False(chamber.CounterChip.Has(ChipFaults.Nack));
        Assert.Equal(0, chamber.Faults.Pending);
    }

    [Fact]
    public void Faults_are_applied_when_the_firmware_touches_a_part_even_if_only_the_clock_moved()
    {
        var clock = new ManualClock();
        var chamber = new SimulatedChamber(1, clock);
        var counter = new NanobotCounter(chamber.NanobotCounter, clock);
        Assert.Equal(SensorReadStatus.Ok, counter.Initialize());
        chamber.Faults.Add(10_000, SimulatedPart.NanobotCounter, FaultKind.CrcError);
        clock.AdvanceMicroseconds(20_000);
        Assert.Equal(SensorReadStatus.CrcMismatch, counter.TryRead(new NanobotCountSample()));
        Assert.Equal(20, chamber.Plant.Steps);
    }

    [Theory]
    [InlineData(SimulatedPart.NanobotCounter, FaultKind.EmitterStuckOn, 0)]
    [InlineData(SimulatedPart.TemperatureSensor, FaultKind.CrcError, 0)]
    [InlineData(SimulatedPart.EmitterChannel, FaultKind.I2cNack, 0)]
    [InlineData(SimulatedPart.Plant, FaultKind.KeepAliveStuck, 0)]
    public void A_fault_the_part_cannot_have_is_refused_when_scheduled(SimulatedPart part, FaultKind kind, int channel)
    {
        var chamber = new SimulatedChamber(1, new ManualClock());
        Assert.Throws<ArgumentException>(() => chamber.Faults.Add(0, part, kind, channel));
        Assert.Equal(0, chamber.Faults.Pending);
    }

    [Fact]
    public void Bad_channels_and_times_are_refused_when_scheduled()
    {
        var chamber = new SimulatedChamber(1, new ManualClock());
        Assert.Throws<ArgumentOutOfRangeException>(() => chamber.Faults.Add(0, SimulatedPart.EmitterChannel, FaultKind.EmitterStuckOn, channel: 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => chamber.Faults.Add(0, SimulatedPart.NanobotCounter, FaultKind.I2cNack, channel: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => chamber.Faults.Add(-1, SimulatedPart.NanobotCounter, FaultKind.I2cNack));
        Assert.Throws<ArgumentOutOfRangeException>(() => chamber.Faults.Add(10, SimulatedPart.NanobotCounter, FaultKind.I2cNack, clearAtMicroseconds: 5));
    }

    [Fact]
    public void Every_fault_kind_has_a_part_that_takes_it()
    {
        foreach (FaultKind kind in Enum.GetValues<FaultKind>())
        {
            Assert.Contains(Enum.GetValues<SimulatedPart>(), part => FaultTarget.Accepts(part, kind));
        }
    }

    [Fact]
    public void The_chamber_is_the_board_the_firmware_expects()
    {
        IChamberBoard board = new SimulatedChamber(1, new ManualClock());
        Assert.Equal(BoardPins.EmitterChannelCount, board.EmitterChannelCount);
        for (int i = 0; i < board.EmitterChannelCount; i++)
        {
            Assert.NotNull(board.GetEmitterEnable(i));
            Assert.NotNull(board.GetEmitterReadback(i));
        }

        Assert.False(board.InterlockPowerSense.Read());
        Assert.False(board.ProvisioningJumper.Read());
    }
}
