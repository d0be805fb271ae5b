using ChamberFirmware.Hal.Drivers.Counter;
using ChamberFirmware.Hal.Drivers.Temperature;
using ChamberFirmware.Hal.I2c;
using ChamberFirmware.Hal.Simulated;
using Xunit;

namespace ChamberFirmware.Hal.Tests.Simulated;

/// <summary>The chip simulators against their register maps in docs/hardware.md, byte by byte.</summary>
public class SimulatedChipTests
{
    private static byte[] Read(II2cDevice device, byte pointer, int count)
    {
        var buffer = new byte[count];
        I2cTransferStatus status = device.WriteRead(new[] { pointer }, 0, 1, buffer, 0, count, out int moved);
        Assert.Equal(I2cTransferStatus.FullTransfer, status);
        Assert.Equal(1 + count, moved);
        return buffer;
    }

    [Fact]
    public void The_counter_powers_on_idle_with_its_datasheet_values()
    {
        var chamber = new SimulatedChamber(1, new ManualClock());
        Assert.Equal(new byte[] { 0x4E, 0x43, 0x01 }, Read(chamber.NanobotCounter, 0x00, 3));
        Assert.Equal(new byte[] { 0x00, 50 }, Read(chamber.NanobotCounter, 0x20, 2));
        chamber.Advance(100_000);
        byte[] block = Read(chamber.NanobotCounter, 0x10, 6);
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0 }, block[..5]); // idle: no conversion, no data
        Assert.Equal(NanobotCounterCrc.Compute(block, 0, 5), block[5]);
    }

    [Fact]
    public void The_counter_converts_every_five_milliseconds_once_running()
    {
        var chamber = new SimulatedChamber(1, new ManualClock());
        I2cTransferStatus write = chamber.NanobotCounter.Write(new byte[] { 0x20, 0x01 }, 0, 2, out int _);
        Assert.Equal(I2cTransferStatus.FullTransfer, write);
        chamber.Advance(4_999);
        Assert.Equal(0, chamber.CounterChip.Sequence);
        chamber.Advance(1);
        Assert.Equal(1, chamber.CounterChip.Sequence);
        chamber.Advance(1_280_000);
        Assert.Equal((1 + 256) & 0xFF, chamber.CounterChip.Sequence); // wraps mod 256
        byte[] block = Read(chamber.NanobotCounter, 0x10, 6);
        Assert.Equal(NanobotCounterStatus.DataReady, block[0]);
        Assert.Equal(NanobotCounterCrc.Compute(block, 0, 5), block[5]);
        Assert.Equal(0, Read(chamber.NanobotCounter, 0x10, 6)[0]); // DATA_READY cleared by reading the block

        chamber.NanobotCounter.Write(new byte[] { 0x20, 0x80 }, 0, 2, out int _); // soft reset
        Assert.False(chamber.CounterChip.Running);
        Assert.Equal(0, chamber.CounterChip.Sequence);
    }

    [Fact]
    public void The_temperature_sensor_powers_on_with_tmp117_reset_values()
    {
        var chamber = new SimulatedChamber(1, new ManualClock());
        Assert.Equal(new byte[] { 0x80, 0x00 }, Read(chamber.TemperatureSensor, 0x00, 2));
        Assert.Equal(new byte[] { 0x02, 0x20 }, Read(chamber.TemperatureSensor, 0x01, 2));
        Assert.Equal(new byte[] { 0x60, 0x00 }, Read(chamber.TemperatureSensor, 0x02, 2));
        Assert.Equal(new byte[] { 0x01, 0x17 }, Read(chamber.TemperatureSensor, 0x0F, 2));
        Assert.Equal(new byte[] { 0x01, 0x17, 0x01, 0x17 }, Read(chamber.TemperatureSensor, 0x0F, 4)); // no auto-increment
        Assert.Equal(1_000_000, chamber.TemperatureChip.CycleMicroseconds);
    }

    [Fact]
    public void The_temperature_sensor_converts_every_15_5_ms_once_configured()
    {
        var chamber = new SimulatedChamber(1, new ManualClock());
        chamber.TemperatureSensor.Write(new byte[] { 0x01, 0x00, 0x00 }, 0, 3, out int _);
        Assert.Equal(TemperatureSensorConfiguration.ConversionCycleMicroseconds, chamber.TemperatureChip.CycleMicroseconds);
        chamber.Advance(1_000_000);
        Assert.InRange(chamber.TemperatureChip.Conversions, 63, 65);
        byte[] configuration = Read(chamber.TemperatureSensor, 0x01, 2);
        Assert.Equal(0x20, configuration[0]); // DATA_READY
        Assert.Equal(0x00, Read(chamber.TemperatureSensor, 0x01, 2)[0]);
    }
}
