using System;

namespace ChamberFirmware.Differential
{
    /// <summary>
    /// nanoCLR's side of the bench: DateTime ticks, and System.Math.Cosh as the section marker:
    /// a native call the firmware never makes, which callgrind dumps its counters before
    /// (tools/DeviceBench), so each loop's instructions come out alone. The free heap
    /// (GC.Run(false)) is read outside the measured sections.
    /// </summary>
    public sealed class NanoClrBenchHost : IBenchHost
    {
        private double _sink;

        public long NowTicks => DateTime.UtcNow.Ticks;

        public void Mark() => _sink += Math.Cosh(0.0);

        public void Report(string operation, int iterations, long elapsedTicks)
        {
            uint free = nanoFramework.Runtime.Native.GC.Run(false);
            Console.WriteLine("bench," + operation + "," + iterations.ToString() + "," + elapsedTicks.ToString() + "," + free.ToString() + "," + (_sink > 0 ? "1" : "0"));
        }
    }
}
