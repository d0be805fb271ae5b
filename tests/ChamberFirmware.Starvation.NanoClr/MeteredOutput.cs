using ChamberFirmware.Hal.Gpio;

namespace ChamberFirmware.Starvation
{
    /// <summary>A simulated output whose calls the <see cref="BoardMeter"/> counts.</summary>
    public sealed class MeteredOutput : IDigitalOutput
    {
        private readonly IDigitalOutput _inner;
        private readonly BoardMeter _meter;

        public MeteredOutput(IDigitalOutput inner, BoardMeter meter)
        {
            _inner = inner;
            _meter = meter;
        }

        public void Write(bool high)
        {
            long start = _meter.Start();
            _inner.Write(high);
            _meter.Stop(start, BoardMeter.GpioWriteMicroseconds);
        }
    }
}
