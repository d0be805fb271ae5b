namespace ChamberFirmware.Core.Config
{
    /// <summary>
    /// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320, init and final XOR 0xFFFFFFFF: the
    /// zip/Ethernet CRC; check value of "123456789" is 0xCBF43926). Table built once; computing
    /// allocates nothing. It detects every 1- and 2-bit error and every burst up to 32 bits, which
    /// is what a torn or decayed flash record looks like. It is not a MAC: integrity against an
    /// attacker comes from the link key and Secure Boot, not from this.
    /// </summary>
    public static class Crc32
    {
        private static readonly uint[] Table = BuildTable();

        public static uint Compute(byte[] data, int offset, int count)
        {
            uint crc = 0xFFFFFFFFu;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                crc = Table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
            }

            return crc ^ 0xFFFFFFFFu;
        }

        private static uint[] BuildTable()
        {
            uint[] table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }
    }
}
