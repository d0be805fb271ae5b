namespace ChamberFirmware.Device.NanoClr
{
    /// <summary>Hex text to bytes and back, for test vectors (nanoFramework has no Convert.FromHexString).</summary>
    public static class Hex
    {
        public static byte[] Decode(string hex)
        {
            byte[] bytes = new byte[hex.Length / 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)((Nibble(hex[2 * i]) << 4) | Nibble(hex[(2 * i) + 1]));
            }

            return bytes;
        }

        public static string Repeat(string unit, int times)
        {
            System.Text.StringBuilder text = new System.Text.StringBuilder();
            for (int i = 0; i < times; i++)
            {
                text.Append(unit);
            }

            return text.ToString();
        }

        public static bool Equal(byte[] expected, byte[] actual, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (expected[i] != actual[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static int Nibble(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            return (c | 0x20) - 'a' + 10;
        }
    }
}
