using ChamberFirmware.Hal.Board;
using ChamberFirmware.Hal.Clock;
using ChamberFirmware.Hal.Gpio;

namespace ChamberFirmware.Hal.Simulated.Minimal
{
    /// <summary>
    /// The keep-alive line, the hold circuit and its power sense in one: two edges less than
    /// BoardPins.KeepAliveHoldMicroseconds apart power the bank, which drops a hold time after the last edge
    /// (docs/hardware.md). Powered is kept up to date at each edge and each power-sense read, so
    /// the read-back pins see it without a clock read of their own.
    /// </summary>
    public sealed class MinimalInterlock : IKeepAliveOutput, IDigitalInput
    {
        private readonly IMonotonicClock _clock;
        private long _lastEdge = long.MinValue / 2;

        public MinimalInterlock(IMonotonicClock clock)
        {
            _clock = clock;
        }

        /// <summary>Bank powered as of the latest edge or power-sense read.</summary>
        public bool Powered;

        /// <summary>The keep-alive edge.</summary>
        public void Toggle()
        {
            long now = _clock.NowMicroseconds;
            Powered = now - _lastEdge < BoardPins.KeepAliveHoldMicroseconds;
            _lastEdge = now;
        }

        /// <summary>The power sense.</summary>
        public bool Read()
        {
            if (Powered && _clock.NowMicroseconds - _lastEdge >= BoardPins.KeepAliveHoldMicroseconds)
            {
                Powered = false;
            }

            return Powered;
        }
    }
}
