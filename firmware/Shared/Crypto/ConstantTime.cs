namespace ChamberFirmware.Core.Crypto
{
    /// <summary>Comparisons whose time does not depend on where the inputs differ (tag checks).</summary>
    public static class ConstantTime
    {
        /// <summary>
        /// True when the count bytes at a[aOffset] and b[bOffset] are equal. Every byte is visited
        /// whatever the content; only the (public) length decides the time. Out-of-range → false.
        /// </summary>
        public static bool AreEqual(byte[] a, int aOffset, byte[] b, int bOffset, int count)
        {
            if (a == null || b == null || count < 0 || aOffset < 0 || bOffset < 0
                || aOffset > a.Length - count || bOffset > b.Length - count)
            {
                return false;
            }

            int difference = 0;
            for (int i = 0; i < count; i++)
            {
                difference |= a[aOffset + i] ^ b[bOffset + i];
            }

            return difference == 0;
        }
    }
}
