using System;

namespace ChamberFirmware.Differential
{
    /// <summary>
    /// Runs the cost bench on nanoCLR and prints "bench,OPERATION,ITERATIONS,TICKS" lines. The
    /// scale comes from the assembly (nanoCLR passes no arguments): the CI guard runs it at 1.
    /// </summary>
    public static class Program
    {
        public static void Main()
        {
            CostBench.Run(new NanoClrBenchHost(), 1);
            Console.WriteLine("bench: done");
        }
    }
}
