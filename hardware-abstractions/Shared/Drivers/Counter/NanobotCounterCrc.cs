namespace ChamberFirmware.Hal.Drivers.Counter
{
    /// <summary>
    /// CRC-8 as Sensirion sensors use it: polynomial x^8 + x^5 + x^4 + 1 (0x31), initial value
    /// 0xFF, no reflection, no final XOR. Check value: {0xBE, 0xEF} gives 0x92.
    /// </summary>
    public static class NanobotCounterCrc
    {
        public const byte Polynomial = 0x31;
        public const byte Initial = 0xFF;

        public static byte Compute(byte[] data, int offset, int count)
        {
            int crc = Initial;
            for (int i = offset; i < offset + count; i++)
            {
                crc ^= data[i];
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 0x80) != 0 ? ((crc << 1) ^ Polynomial) & 0xFF : (crc << 1) & 0xFF;
                }
            }

            return (byte)crc;
        }
    }
}
