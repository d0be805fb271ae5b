using System;
using ChamberFirmware.Hal.Drivers.Counter;
using ChamberFirmware.Hal.Drivers.Temperature;
using ChamberFirmware.Hal.I2c;
using ChamberFirmware.Hal.Sensors;
using ChamberFirmware.Hal.Simulated;
using ChamberFirmware.Hal.Simulated.I2c;
using Xunit;

namespace ChamberFirmware.Hal.Tests.Drivers;

/// <summary>Random statuses, byte counts and bytes: no exception escapes, no failed transfer becomes a reading.</summary>
public class DriverFuzzTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_counter_driver_survives_random_bus_answers(int seed)
    {
        var device = new RandomResponseI2cDevice(seed);
        var counter = new NanobotCounter(device, new ManualClock());
        var sample = new NanobotCountSample();
        int ok = 0;
        for (int i = 0; i < 20_000; i++)
        {
            SensorReadStatus status = i % 50 == 0 ? counter.Initialize() : counter.TryRead(sample);
            if (status == SensorReadStatus.Ok && i % 50 != 0)
            {
                ok++;
                Assert.Equal(I2cTransferStatus.FullTransfer, device.LastStatus);
                Assert.Equal(7, device.LastBytesTransferred);
                Assert.InRange(sample.Count, 0, NanobotCounterIdentity.FullScaleCount);
                Assert.Equal(NanobotCounterStatus.DataReady, sample.StatusBits & ~NanobotCounterStatus.Overflow);
            }
        }

        // 3 checks stand between random bytes and a reading; a handful may pass, never many.
        Assert.True(ok < 20, $"{ok} random frames were taken as readings");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_temperature_driver_survives_random_bus_answers(int seed)
    {
        var device = new RandomResponseI2cDevice(seed);
        var sensor = new ChamberTemperatureSensor(device, new ManualClock());
        var sample = new TemperatureSample();
        int ok = 0;
        for (int i = 0; i < 20_000; i++)
        {
            SensorReadStatus status = i % 50 == 0 ? sensor.Initialize() : sensor.TryRead(sample);
            Assert.True(Enum.IsDefined(status));
            if (status == SensorReadStatus.Ok && i % 50 != 0)
            {
                ok++;
                Assert.Equal(I2cTransferStatus.FullTransfer, device.LastStatus);
                Assert.InRange(sample.CentiCelsius, -5500, 15000);
            }
        }

        Assert.True(ok < 20, $"{ok} random frames were taken as readings");
    }

    [Theory]
    [InlineData(I2cTransferStatus.FullTransfer, 7, SensorReadStatus.Ok)]
    [InlineData(I2cTransferStatus.FullTransfer, 6, SensorReadStatus.PartialTransfer)]
    [InlineData(I2cTransferStatus.FullTransfer, 8, SensorReadStatus.PartialTransfer)]
    [InlineData(I2cTransferStatus.FullTransfer, -1, SensorReadStatus.PartialTransfer)]
    [InlineData(I2cTransferStatus.PartialTransfer, 7, SensorReadStatus.PartialTransfer)]
    [InlineData(I2cTransferStatus.SlaveAddressNotAcknowledged, 0, SensorReadStatus.AddressNotAcknowledged)]
    [InlineData(I2cTransferStatus.ClockStretchTimeout, 1, SensorReadStatus.ClockStretchTimeout)]
    [InlineData(I2cTransferStatus.UnknownError, 7, SensorReadStatus.BusError)]
    [InlineData((I2cTransferStatus)99, 7, SensorReadStatus.BusError)]
    public void Bus_outcomes_map_to_sensor_statuses(I2cTransferStatus status, int bytes, SensorReadStatus expected)
    {
        Assert.Equal(expected, SensorStatusMapping.FromTransfer(status, bytes, 7));
    }
}
