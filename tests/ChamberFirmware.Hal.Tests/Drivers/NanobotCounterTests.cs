using System.Collections.Generic;
using ChamberFirmware.Hal.Drivers.Counter;
using ChamberFirmware.Hal.Sensors;
using ChamberFirmware.Hal.Simulated;
using ChamberFirmware.Hal.Simulated.Faults;
using Xunit;

namespace ChamberFirmware.Hal.Tests.Drivers;

public class NanobotCounterTests
{
    private const int SentinelCount = -12345;

    private static (SimulatedChamber Chamber, NanobotCounter Counter) Started(int seed = 7)
    {
        var chamber = new SimulatedChamber(seed, new ManualClock());
        var counter = new NanobotCounter(chamber.NanobotCounter, chamber.Clock);
        Assert.Equal(SensorReadStatus.Ok, counter.Initialize());
        return (chamber, counter);
    }

    private static NanobotCountSample Sentinel() => new() { Count = SentinelCount, SequenceNumber = -1, StatusBits = -1, ReadTimeMicroseconds = -1 };

    private static void AssertUntouched(NanobotCountSample sample)
    {
        Assert.Equal(SentinelCount, sample.Count);
        Assert.Equal(-1, sample.SequenceNumber);
        Assert.Equal(-1, sample.StatusBits);
        Assert.Equal(-1, sample.ReadTimeMicroseconds);
    }

    [Fact]
    public void Initialize_reads_the_conversion_time_and_starts_conversions()
    {
        var (chamber, counter) = Started();
        Assert.Equal(5_000, counter.ConversionTimeMicroseconds);
        Assert.True(chamber.CounterChip.Running);
    }

    [Fact]
    public void A_fresh_reading_carries_count_sequence_status_and_time()
    {
        var (chamber, counter) = Started();
        var sample = Sentinel();

        Assert.Equal(SensorReadStatus.NotReady, counter.TryRead(sample));
        AssertUntouched(sample);

        chamber.Advance(10_000);
        Assert.Equal(SensorReadStatus.Ok, counter.TryRead(sample));
        long truth = chamber.TrueCount;
        Assert.InRange(sample.Count, truth - (truth / 1000) - 1, truth + (truth / 1000) + 1);
        Assert.Equal(chamber.CounterChip.Sequence, sample.SequenceNumber);
        Assert.Equal(2, sample.SequenceNumber); // conversions at 5 ms and 10 ms
        Assert.Equal(NanobotCounterStatus.DataReady, sample.StatusBits);
        Assert.Equal(10_000, sample.ReadTimeMicroseconds);
    }

    [Fact]
    public void Reading_twice_within_one_conversion_gives_not_ready_the_second_time()
    {
        var (chamber, counter) = Started();
        var sample = new NanobotCountSample();
        chamber.Advance(6_000);
        Assert.Equal(SensorReadStatus.Ok, counter.TryRead(sample));
        Assert.Equal(SensorReadStatus.NotReady, counter.TryRead(sample));
        chamber.Advance(5_000);
        Assert.Equal(SensorReadStatus.Ok, counter.TryRead(sample));
    }

    public static IEnumerable<object[]> FaultsAndVerdicts() => new[]
    {
        new object[] { FaultKind.I2cNack, SensorReadStatus.AddressNotAcknowledged },
        new object[] { FaultKind.I2cClockStretchTimeout, SensorReadStatus.ClockStretchTimeout },
        new object[] { FaultKind.I2cPartialTransfer, SensorReadStatus.PartialTransfer },
        new object[] { FaultKind.CrcError, SensorReadStatus.CrcMismatch },
        new object[] { FaultKind.ReservedBitsSet, SensorReadStatus.InvalidData },
        new object[] { FaultKind.OutOfRangeValue, SensorReadStatus.OutOfRange },
    };

    [Theory]
    [MemberData(nameof(FaultsAndVerdicts))]
    public void Every_injected_fault_is_reported_as_its_kind_and_never_as_a_reading(FaultKind fault, SensorReadStatus expected)
    {
        var (chamber, counter) = Started();
        chamber.Faults.Add(20_000, SimulatedPart.NanobotCounter, fault, clearAtMicroseconds: 120_000);
        var sample = new NanobotCountSample();

        chamber.Advance(10_000);
        Assert.Equal(SensorReadStatus.Ok, counter.TryRead(sample));

        for (int tick = 0; tick < 10; tick++)
        {
            chamber.Advance(10_000);
            var untouched = Sentinel();
            Assert.Equal(expected, counter.TryRead(untouched));
            AssertUntouched(untouched);
        }

        chamber.Advance(10_000);
        Assert.Equal(SensorReadStatus.Ok, counter.TryRead(sample));
    }

    [Fact]
    public void Garbage_bytes_are_never_a_reading()
    {
        var (chamber, counter) = Started();
        chamber.InjectFault(SimulatedPart.NanobotCounter, FaultKind.GarbageBytes);
        int crcMismatches = 0;
        for (int tick = 0; tick < 500; tick++)
        {
            chamber.Advance(10_000);
            var sample = Sentinel();
            SensorReadStatus status = counter.TryRead(sample);
            Assert.NotEqual(SensorReadStatus.Ok, status);
            Assert.Contains(status, new[] { SensorReadStatus.CrcMismatch, SensorReadStatus.InvalidData, SensorReadStatus.NotReady, SensorReadStatus.OutOfRange });
            AssertUntouched(sample);
            if (status == SensorReadStatus.CrcMismatch)
            {
                crcMismatches++;
            }
        }

        // Random bytes pass an 8-bit CRC about once in 256 frames.
        Assert.True(crcMismatches > 480, $"only {crcMismatches} of 500 garbage frames were caught by the CRC");
    }

    [Fact]
    public void A_wrong_device_id_fails_initialization_as_invalid_data()
    {
        var chamber = new SimulatedChamber(1, new ManualClock());
        chamber.InjectFault(SimulatedPart.NanobotCounter, FaultKind.WrongDeviceId);
        var counter = new NanobotCounter(chamber.NanobotCounter, chamber.Clock);
        Assert.Equal(SensorReadStatus.InvalidData, counter.Initialize());
        Assert.False(chamber.CounterChip.Running);
    }

    [Fact]
    public void A_counter_that_does_not_answer_fails_initialization()
    {
        var chamber = new SimulatedChamber(1, new ManualClock());
        chamber.InjectFault(SimulatedPart.NanobotCounter, FaultKind.I2cNack);
        var counter = new NanobotCounter(chamber.NanobotCounter, chamber.Clock);
        Assert.Equal(SensorReadStatus.AddressNotAcknowledged, counter.Initialize());
    }

    [Fact]
    public void An_address_with_no_chip_is_not_acknowledged()
    {
        var chamber = new SimulatedChamber(1, new ManualClock());
        var counter = new NanobotCounter(chamber.Bus.Open(0x37), chamber.Clock);
        Assert.Equal(SensorReadStatus.AddressNotAcknowledged, counter.Initialize());
        Assert.Equal(SensorReadStatus.AddressNotAcknowledged, counter.TryRead(new NanobotCountSample()));
    }

    [Fact]
    public void A_population_over_full_scale_reads_out_of_range_not_full_scale()
    {
        var chamber = new SimulatedChamber(3, new ManualClock(), new ChamberFirmware.Hal.Simulated.Plant.PlantParameters { InitialCount = 20_000_000, InitialCountSpreadPermille = 0 });
        var counter = new NanobotCounter(chamber.NanobotCounter, chamber.Clock);
        Assert.Equal(SensorReadStatus.Ok, counter.Initialize());
        chamber.Advance(10_000);
        Assert.True(chamber.CounterChip.Overflow);
        Assert.Equal(SensorReadStatus.OutOfRange, counter.TryRead(new NanobotCountSample()));
    }

    [Fact]
    public void A_stuck_value_is_reported_ok_because_staleness_is_the_supervisors_call()
    {
        var (chamber, counter) = Started();
        for (int i = 0; i < 8; i++)
        {
            chamber.GetEmitterEnable(i).Write(true);
        }

        var sample = new NanobotCountSample();
        chamber.Advance(10_000);
        Assert.Equal(SensorReadStatus.Ok, counter.TryRead(sample));
        int frozenCount = sample.Count;
        int sequence = sample.SequenceNumber;

        chamber.InjectFault(SimulatedPart.NanobotCounter, FaultKind.StuckValue);
        chamber.InjectFault(SimulatedPart.Plant, FaultKind.RogueReplication);
        chamber.Advance(1_000_000);
        Assert.Equal(SensorReadStatus.Ok, counter.TryRead(sample));
        Assert.Equal(frozenCount, sample.Count);
        Assert.NotEqual(sequence, sample.SequenceNumber); // the sequence still advances
        Assert.True(chamber.TrueCount > frozenCount * 1.3, "the plant grew while the counter was stuck");
    }

    [Fact]
    public void A_frozen_sequence_is_reported_ok_with_the_same_sequence_number()
    {
        var (chamber, counter) = Started();
        var sample = new NanobotCountSample();
        chamber.Advance(10_000);
        Assert.Equal(SensorReadStatus.Ok, counter.TryRead(sample));
        chamber.InjectFault(SimulatedPart.NanobotCounter, FaultKind.FrozenSequence);
        int sequence = sample.SequenceNumber;
        int count = sample.Count;

        for (int tick = 0; tick < 20; tick++)
        {
            chamber.Advance(10_000);
            Assert.Equal(SensorReadStatus.Ok, counter.TryRead(sample));
            Assert.Equal(sequence, sample.SequenceNumber);
            Assert.Equal(count, sample.Count);
            Assert.Equal(chamber.Clock.NowMicroseconds, sample.ReadTimeMicroseconds);
        }
    }

    [Fact]
    public void A_null_sample_is_refused_without_an_exception()
    {
        var (_, counter) = Started();
        Assert.Equal(SensorReadStatus.InvalidData, counter.TryRead(null!));
    }
}
