using ChamberFirmware.Hal.Gpio;

namespace ChamberFirmware.Starvation
{
    /// <summary>A simulated input whose calls the <see cref="BoardMeter"/> counts.</summary>
    public sealed class MeteredInput : IDigitalInput
    {
        private readonly IDigitalInput _inner;
        private readonly BoardMeter _meter;

        public MeteredInput(IDigitalInput inner, BoardMeter meter)
        {
            _inner = inner;
            _meter = meter;
        }

        public bool Read()
        {
            long start = _meter.Start();
            bool value = _inner.Read();
            _meter.Stop(start, BoardMeter.GpioReadMicroseconds);
            return value;
        }
    }
}
