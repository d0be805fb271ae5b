using ChamberFirmware.Differential;
using nanoFramework.Hardware.Esp32;
using nanoFramework.TestFramework;

namespace ChamberFirmware.Device.Tests
{
    /// <summary>
    /// The cost bench's host on the board: the ESP32's high-resolution timer (µs; signature
    /// nanoframework/nanoFramework.Hardware.Esp32 HighResTimer.GetCurrent()) summed over the measured
    /// sections, one line per operation in the same form as on nanoCLR.
    /// </summary>
    public sealed class Esp32BenchHost : IBenchHost
    {
        private bool _open;
        private long _openedAt;
        private long _elapsed;

        public void Mark()
        {
            long now = (long)HighResTimer.GetCurrent();
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
            OutputHelper.WriteLine("bench," + operation + "," + iterations.ToString() + "," + sections.ToString() + "," + (_elapsed / iterations).ToString() + " us/call on this board");
            _elapsed = 0;
        }
    }
}
