using System;

namespace ChamberFirmware.Differential
{
    /// <summary>
    /// nanoCLR's side of the bench: DateTime ticks, and GC.Run(false) as the section marker that
    /// callgrind dumps its counters before and after (tools/DeviceBench), so a loop's instructions
    /// come out alone. Nothing is printed between the marks: output would count in the loop.
    /// </summary>
    public sealed class NanoClrBenchHost : IBenchHost
    {
        private uint _free;

        public long NowTicks => DateTime.UtcNow.Ticks;

        public void Mark() => _free = nanoFramework.Runtime.Native.GC.Run(false);

        public void Report(string operation, int iterations, long elapsedTicks) =>
            Console.WriteLine("bench," + operation + "," + iterations.ToString() + "," + elapsedTicks.ToString() + "," + _free.ToString());
    }
}
