using System.Collections.Generic;
using System.Diagnostics;
using ChamberFirmware.Differential;

namespace DeviceBench
{
    /// <summary>The .NET side of the bench: Stopwatch ticks in 100 ns units, nothing between sections.</summary>
    internal sealed class DotnetBenchHost : IBenchHost
    {
        public Dictionary<string, double> MicrosecondsPerCall { get; } = new();

#pragma warning disable RS0030 // A bench measures wall time by definition; nothing here decides behaviour.
        public long NowTicks => Stopwatch.GetTimestamp() * 10_000_000 / Stopwatch.Frequency;
#pragma warning restore RS0030

        public void Mark()
        {
        }

        public void Report(string operation, int iterations, long elapsedTicks) =>
            MicrosecondsPerCall[operation] = elapsedTicks / 10.0 / iterations;
    }
}
