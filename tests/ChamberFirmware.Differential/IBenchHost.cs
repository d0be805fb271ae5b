namespace ChamberFirmware.Differential
{
    /// <summary>What the bench needs from its runtime: a clock in 100 ns ticks, a marker between sections, a place for results.</summary>
    public interface IBenchHost
    {
        /// <summary>Now, in 100 ns ticks (DateTime.UtcNow on nanoCLR, Stopwatch on .NET).</summary>
        long NowTicks { get; }

        /// <summary>
        /// Called right before and right after each measured loop. On nanoCLR it makes a native call
        /// that callgrind dumps its counters at, so each loop's instructions come out alone.
        /// </summary>
        void Mark();

        void Report(string operation, int iterations, long elapsedTicks);
    }
}
