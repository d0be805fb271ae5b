using ChamberFirmware.Core.Link;
using ChamberFirmware.Hal.Simulated.Plant;

namespace ChamberFirmware.Differential
{
    /// <summary>Device nonces from the portable seeded generator: closed, in-process runs only (never a socket).</summary>
    public sealed class DeterministicNonceSource : INonceSource
    {
        private readonly DeterministicRandom _random;

        public DeterministicNonceSource(int seed)
        {
            _random = new DeterministicRandom(seed);
        }

        public void Fill(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                buffer[offset + i] = _random.NextByte();
            }
        }
    }
}
