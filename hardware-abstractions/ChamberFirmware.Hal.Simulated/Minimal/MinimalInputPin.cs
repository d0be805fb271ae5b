using ChamberFirmware.Hal.Gpio;

namespace ChamberFirmware.Hal.Simulated.Minimal
{
    /// <summary>An input line whose level the test sets.</summary>
    public sealed class MinimalInputPin : IDigitalInput
    {
        public bool Level;

        public bool Read()
        {
            return Level;
        }
    }
}
