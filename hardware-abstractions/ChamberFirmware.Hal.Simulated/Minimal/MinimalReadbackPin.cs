using ChamberFirmware.Hal.Gpio;

namespace ChamberFirmware.Hal.Simulated.Minimal
{
    /// <summary>An emitter's read-back: on where its enable is high and the bank is powered.</summary>
    public sealed class MinimalReadbackPin : IDigitalInput
    {
        private readonly MinimalOutputPin _enable;
        private readonly MinimalInterlock _interlock;

        public MinimalReadbackPin(MinimalOutputPin enable, MinimalInterlock interlock)
        {
            _enable = enable;
            _interlock = interlock;
        }

        public bool Read()
        {
            return _enable.Level && _interlock.Powered;
        }
    }
}
