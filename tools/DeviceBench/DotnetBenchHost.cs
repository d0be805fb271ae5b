using System.Collections.Generic;
using System.Diagnostics;
using ChamberFirmware.Differential;

namespace DeviceBench
{
    /// <summary>The .NET side of the bench: Stopwatch time summed over the measured sections.</summary>
    internal sealed class DotnetBenchHost : IBenchHost
    {
        private bool _open;
        private long _openedAt;
        private long _elapsed;

        public Dictionary<string, double> MicrosecondsPerCall { get; } = new();

#pragma warning disable RS0030 // A bench measures wall time by definition; nothing here decides behaviour.
        public void Mark()
        {
            long now = Stopwatch.GetTimestamp();
            if (_open)
            {
                _elapsed += now - _openedAt;
            }
            else
            {
                _openedAt = now;
            }

            _open = !_open;
        }

        public void Report(string operation, int iterations, int sections)
        {
            MicrosecondsPerCall[operation] = _elapsed * 1_000_000.0 / Stopwatch.Frequency / iterations;
            _elapsed = 0;
        }
#pragma warning restore RS0030
    }
}
