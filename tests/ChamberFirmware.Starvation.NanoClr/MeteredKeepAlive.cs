using ChamberFirmware.Hal.Gpio;

namespace ChamberFirmware.Starvation
{
    /// <summary>The simulated keep-alive line, its toggles counted by the <see cref="BoardMeter"/>.</summary>
    public sealed class MeteredKeepAlive : IKeepAliveOutput
    {
        private readonly IKeepAliveOutput _inner;
        private readonly BoardMeter _meter;

        public MeteredKeepAlive(IKeepAliveOutput inner, BoardMeter meter)
        {
            _inner = inner;
            _meter = meter;
        }

        public void Toggle()
        {
            long start = _meter.Start();
            _inner.Toggle();
            _meter.Stop(start, BoardMeter.GpioToggleMicroseconds);
        }
    }
}
