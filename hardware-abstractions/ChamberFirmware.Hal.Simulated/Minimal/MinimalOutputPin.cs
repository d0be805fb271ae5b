using ChamberFirmware.Hal.Gpio;

namespace ChamberFirmware.Hal.Simulated.Minimal
{
    /// <summary>An output line that only remembers its level (low at reset).</summary>
    public sealed class MinimalOutputPin : IDigitalOutput
    {
        /// <summary>The level last written (a field: the read-back pins look at it on every read).</summary>
        public bool Level;

        public void Write(bool high)
        {
            Level = high;
        }
    }
}
