using ChamberFirmware.Hal.Drivers.Counter;
using Xunit;

namespace ChamberFirmware.Hal.Tests.Drivers;

public class NanobotCounterCrcTests
{
    [Fact]
    public void Matches_the_sensirion_check_value()
    {
        // Sensirion SHT3x/SCD30 datasheets: CRC-8(0xBE, 0xEF) = 0x92.
        Assert.Equal(0x92, NanobotCounterCrc.Compute(new byte[] { 0xBE, 0xEF }, 0, 2));
    }

    [Fact]
    public void Uses_the_initial_value_for_no_data_and_respects_offset()
    {
        Assert.Equal(0xFF, NanobotCounterCrc.Compute(new byte[0], 0, 0));
        Assert.Equal(0x92, NanobotCounterCrc.Compute(new byte[] { 0x00, 0xBE, 0xEF, 0x11 }, 1, 2));
    }

    [Fact]
    public void Every_single_bit_flip_changes_the_crc()
    {
        byte[] frame = { 0x01, 0x2A, 0x00, 0x4E, 0x20 };
        byte crc = NanobotCounterCrc.Compute(frame, 0, frame.Length);
        for (int bit = 0; bit < frame.Length * 8; bit++)
        {
            frame[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.NotEqual(crc, NanobotCounterCrc.Compute(frame, 0, frame.Length));
            frame[bit / 8] ^= (byte)(1 << (bit % 8));
        }
    }

    [Fact]
    public void The_table_gives_the_bit_by_bit_crc_for_every_two_byte_input()
    {
        var data = new byte[2];
        for (int value = 0; value < 0x10000; value++)
        {
            data[0] = (byte)(value >> 8);
            data[1] = (byte)value;
            Assert.Equal(BitByBit(data), NanobotCounterCrc.Compute(data, 0, 2));
        }
    }

    /// <summary>The CRC's definition, one bit at a time (what the driver did before its table).</summary>
    private static byte BitByBit(byte[] data)
    {
        int crc = NanobotCounterCrc.Initial;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ NanobotCounterCrc.Polynomial) & 0xFF : (crc << 1) & 0xFF;
            }
        }

        return (byte)crc;
    }
}
