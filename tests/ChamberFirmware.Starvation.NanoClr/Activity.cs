namespace ChamberFirmware.Starvation
{
    /// <summary>
    /// Which thread ran last, for naming the cause of a late supervisor tick: every piece of work
    /// writes its code when it starts; the supervisor reads it when it wakes (one interpreter runs
    /// one thread at a time, so the value is what ran just before).
    /// </summary>
    public static class Activity
    {
        public const int None = 0;
        public const int Link = 1;
        public const int Control = 2;
        public const int Supervisor = 3;
        public const int Console = 4;

        public static int Current;

        /// <summary>The last stretch of link work between two yields (x86 µs).</summary>
        public static long LastLinkChunk;
    }
}
