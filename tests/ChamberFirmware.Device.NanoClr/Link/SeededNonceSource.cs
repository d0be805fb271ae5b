using ChamberFirmware.Core.Link;

namespace ChamberFirmware.Device.NanoClr.Link
{
    /// <summary>Reproducible nonces for tests (never on a device).</summary>
    public sealed class SeededNonceSource : INonceSource
    {
        private readonly SeededBytes _bytes;

        public SeededNonceSource(int seed)
        {
            _bytes = new SeededBytes(seed);
        }

        public void Fill(byte[] buffer, int offset, int count) => _bytes.Fill(buffer, offset, count);
    }
}
