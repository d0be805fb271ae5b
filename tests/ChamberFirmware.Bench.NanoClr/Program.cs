using System;

namespace ChamberFirmware.Differential
{
    /// <summary>
    /// Runs the cost bench on nanoCLR and prints "bench,OPERATION,ITERATIONS,SECTIONS,TICKS,FREE,SINK"
    /// lines, then "bench: done" (or "bench: set-up failed: ..."). The scale comes from the assembly
    /// (nanoCLR passes no arguments): the CI guard runs it at 1.
    /// </summary>
    public static class Program
    {
        public static void Main()
        {
            string failed = CostBench.Run(new NanoClrBenchHost(), 1);
            Console.WriteLine(failed == null ? "bench: done" : "bench: set-up failed: " + failed);
        }
    }
}
