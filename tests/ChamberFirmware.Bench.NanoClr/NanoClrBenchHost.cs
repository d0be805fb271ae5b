using System;

namespace ChamberFirmware.Differential
{
    /// <summary>
    /// nanoCLR's side of the bench: DateTime ticks summed over the measured sections, and
    /// System.Math.Cosh as the section marker: a native call the firmware never makes, which
    /// callgrind dumps its counters before (tools/DeviceBench), so each section's instructions come
    /// out alone. The free heap (GC.Run(false)) is read outside the measured sections.
    /// </summary>
    public sealed class NanoClrBenchHost : IBenchHost
    {
        private double _sink;
        private bool _open;
        private long _openedAt;
        private long _elapsed;

        public void Mark()
        {
            long now = DateTime.UtcNow.Ticks;
            _sink += Math.Cosh(0.0);
            if (_open)
            {
                _elapsed += now - _openedAt;
            }
            else
            {
                _openedAt = DateTime.UtcNow.Ticks;
            }

            _open = !_open;
        }

        public void Report(string operation, int iterations, int sections)
        {
            uint free = nanoFramework.Runtime.Native.GC.Run(false);
            Console.WriteLine("bench," + operation + "," + iterations.ToString() + "," + sections.ToString() + "," + _elapsed.ToString() + "," + free.ToString() + "," + (_sink > 0 ? "1" : "0"));
            _elapsed = 0;
        }
    }
}
