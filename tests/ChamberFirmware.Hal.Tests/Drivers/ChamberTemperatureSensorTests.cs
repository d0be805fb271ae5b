using System.Collections.Generic;
using ChamberFirmware.Hal.Drivers.Temperature;
using ChamberFirmware.Hal.Sensors;
using ChamberFirmware.Hal.Simulated;
using ChamberFirmware.Hal.Simulated.Faults;
using Xunit;

namespace ChamberFirmware.Hal.Tests.Drivers;

public class ChamberTemperatureSensorTests
{
    private const int Sentinel = -99999;

    private static (SimulatedChamber Chamber, ChamberTemperatureSensor Sensor) Started(int seed = 11)
    {
        var chamber = new SimulatedChamber(seed, new ManualClock());
        var sensor = new ChamberTemperatureSensor(chamber.TemperatureSensor, chamber.Clock);
        Assert.Equal(SensorReadStatus.Ok, sensor.Initialize());
        return (chamber, sensor);
    }

    private static TemperatureSample NewSentinel() => new() { CentiCelsius = Sentinel, ReadTimeMicroseconds = -1 };

    [Theory]
    [InlineData(0x0C80, 2500)] // 25 °C
    [InlineData(0x0000, 0)]
    [InlineData(-0x0C80, -2500)]
    [InlineData(0x0001, 0)] // 0.0078 °C rounds toward zero
    [InlineData(0x4B00, 15000)] // 150 °C
    [InlineData(-0x1B80, -5500)] // -55 °C
    public void Converts_raw_results_to_centi_degrees(int raw, int centiCelsius)
    {
        Assert.Equal(centiCelsius, ChamberTemperatureSensor.RawToCentiCelsius(raw));
    }

    [Fact]
    public void Reads_the_chamber_temperature_after_a_conversion()
    {
        var (chamber, sensor) = Started();
        var sample = NewSentinel();
        Assert.Equal(SensorReadStatus.NotReady, sensor.TryRead(sample));
        Assert.Equal(Sentinel, sample.CentiCelsius);

        chamber.Advance(20_000);
        Assert.Equal(SensorReadStatus.Ok, sensor.TryRead(sample));
        Assert.InRange(sample.CentiCelsius, chamber.TrueTemperatureCentiCelsius - 1, chamber.TrueTemperatureCentiCelsius + 1);
        Assert.InRange(sample.CentiCelsius, 3570, 3630); // 36 °C ± the seed's spread
        Assert.Equal(20_000, sample.ReadTimeMicroseconds);
        Assert.Equal(SensorReadStatus.NotReady, sensor.TryRead(sample)); // data-ready cleared by the read
    }

    [Fact]
    public void A_part_that_was_never_configured_or_reset_behind_our_back_is_invalid_data()
    {
        var chamber = new SimulatedChamber(2, new ManualClock());
        var sensor = new ChamberTemperatureSensor(chamber.TemperatureSensor, chamber.Clock);
        chamber.Advance(2_000_000);
        Assert.Equal(SensorReadStatus.InvalidData, sensor.TryRead(new TemperatureSample()));

        Assert.Equal(SensorReadStatus.Ok, sensor.Initialize());
        chamber.Advance(20_000);
        Assert.Equal(SensorReadStatus.Ok, sensor.TryRead(new TemperatureSample()));

        chamber.TemperatureChip.PowerOnReset(); // a brown-out of the sensor alone
        chamber.Advance(20_000);
        Assert.Equal(SensorReadStatus.InvalidData, sensor.TryRead(new TemperatureSample()));
    }

    public static IEnumerable<object[]> FaultsAndVerdicts() => new[]
    {
        new object[] { FaultKind.I2cNack, SensorReadStatus.AddressNotAcknowledged },
        new object[] { FaultKind.I2cClockStretchTimeout, SensorReadStatus.ClockStretchTimeout },
        new object[] { FaultKind.I2cPartialTransfer, SensorReadStatus.PartialTransfer },
        new object[] { FaultKind.ReservedBitsSet, SensorReadStatus.InvalidData },
        new object[] { FaultKind.OutOfRangeValue, SensorReadStatus.OutOfRange },
    };

    [Theory]
    [MemberData(nameof(FaultsAndVerdicts))]
    public void Every_injected_fault_is_reported_as_its_kind_and_never_as_a_reading(FaultKind fault, SensorReadStatus expected)
    {
        var (chamber, sensor) = Started();
        chamber.Faults.Add(25_000, SimulatedPart.TemperatureSensor, fault, clearAtMicroseconds: 380_000);
        chamber.Advance(20_000);
        Assert.Equal(SensorReadStatus.Ok, sensor.TryRead(new TemperatureSample()));

        int verdicts = 0;
        for (int tick = 0; tick < 35; tick++)
        {
            chamber.Advance(10_000);
            var sample = NewSentinel();
            SensorReadStatus status = sensor.TryRead(sample);
            Assert.NotEqual(SensorReadStatus.Ok, status);
            Assert.Equal(Sentinel, sample.CentiCelsius);
            if (status == expected)
            {
                verdicts++;
            }
            else
            {
                Assert.Equal(SensorReadStatus.NotReady, status); // between 15.5 ms conversions
            }
        }

        Assert.True(verdicts >= 17, $"{fault} was reported as {expected} only {verdicts} times in 35 ticks");
        chamber.Advance(40_000);
        Assert.Equal(SensorReadStatus.Ok, sensor.TryRead(new TemperatureSample()));
    }

    [Fact]
    public void Garbage_bytes_are_never_a_reading()
    {
        var (chamber, sensor) = Started();
        chamber.InjectFault(SimulatedPart.TemperatureSensor, FaultKind.GarbageBytes);
        for (int tick = 0; tick < 500; tick++)
        {
            chamber.Advance(10_000);
            var sample = NewSentinel();
            Assert.NotEqual(SensorReadStatus.Ok, sensor.TryRead(sample));
            Assert.Equal(Sentinel, sample.CentiCelsius);
        }
    }

    [Fact]
    public void A_wrong_device_id_fails_initialization()
    {
        var chamber = new SimulatedChamber(5, new ManualClock());
        chamber.InjectFault(SimulatedPart.TemperatureSensor, FaultKind.WrongDeviceId);
        var sensor = new ChamberTemperatureSensor(chamber.TemperatureSensor, chamber.Clock);
        Assert.Equal(SensorReadStatus.InvalidData, sensor.Initialize());
    }

    [Fact]
    public void A_hung_sensor_stops_saying_data_ready()
    {
        var (chamber, sensor) = Started();
        chamber.Advance(20_000);
        Assert.Equal(SensorReadStatus.Ok, sensor.TryRead(new TemperatureSample()));
        chamber.InjectFault(SimulatedPart.TemperatureSensor, FaultKind.FrozenSequence);
        for (int tick = 0; tick < 20; tick++)
        {
            chamber.Advance(10_000);
            Assert.Equal(SensorReadStatus.NotReady, sensor.TryRead(new TemperatureSample()));
        }
    }

    [Fact]
    public void A_stuck_value_reads_ok_and_unchanged_while_the_chamber_heats()
    {
        var (chamber, sensor) = Started();
        var sample = new TemperatureSample();
        chamber.Advance(20_000);
        Assert.Equal(SensorReadStatus.Ok, sensor.TryRead(sample));
        int stuck = sample.CentiCelsius;
        chamber.InjectFault(SimulatedPart.TemperatureSensor, FaultKind.StuckValue);
        chamber.InjectFault(SimulatedPart.HoldCircuit, FaultKind.HoldCircuitStuckPowered);
        for (int i = 0; i < 8; i++)
        {
            chamber.GetEmitterEnable(i).Write(true);
        }

        chamber.Advance(30_000_000);
        Assert.Equal(SensorReadStatus.Ok, sensor.TryRead(sample));
        Assert.Equal(stuck, sample.CentiCelsius);
        Assert.True(chamber.TrueTemperatureCentiCelsius > stuck + 200);
    }
}
