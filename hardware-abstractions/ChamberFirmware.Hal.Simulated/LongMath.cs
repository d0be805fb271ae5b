namespace ChamberFirmware.Hal.Simulated
{
    /// <summary>
    /// Min, max and clamp for the simulator's 64-bit arithmetic: nanoFramework's System.Math has no
    /// Int64 overloads (and no Clamp), and this code runs on nanoCLR too.
    /// </summary>
    internal static class LongMath
    {
        public static long Min(long a, long b) => a < b ? a : b;

        public static long Max(long a, long b) => a > b ? a : b;

        public static int Min(int a, int b) => a < b ? a : b;

        public static int Max(int a, int b) => a > b ? a : b;

        public static long Clamp(long value, long low, long high) => value < low ? low : value > high ? high : value;
    }
}
