namespace ChamberFirmware.Hal.Drivers.Counter
{
    /// <summary>
    /// CRC-8 as Sensirion sensors use it: polynomial x^8 + x^5 + x^4 + 1 (0x31), initial value
    /// 0xFF, no reflection, no final XOR. Check value: {0xBE, 0xEF} gives 0x92.
    /// Table-driven (one lookup per byte): the counter's block is checked every supervisor tick,
    /// and eight shift-and-XOR steps per byte cost the device's interpreter about ten times more.
    /// </summary>
    public static class NanobotCounterCrc
    {
        public const byte Polynomial = 0x31;
        public const byte Initial = 0xFF;

        private static readonly byte[] Table = BuildTable();

        public static byte Compute(byte[] data, int offset, int count)
        {
            int crc = Initial;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                crc = Table[crc ^ data[i]];
            }

            return (byte)crc;
        }

        /// <summary>The CRC of each byte value from 0, bit by bit: the table's definition.</summary>
        private static byte[] BuildTable()
        {
            byte[] table = new byte[256];
            for (int value = 0; value < 256; value++)
            {
                int crc = value;
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 0x80) != 0 ? ((crc << 1) ^ Polynomial) & 0xFF : (crc << 1) & 0xFF;
                }

                table[value] = (byte)crc;
            }

            return table;
        }
    }
}
