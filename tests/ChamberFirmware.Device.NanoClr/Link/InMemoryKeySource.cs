using System;
using ChamberFirmware.Core.Link;

namespace ChamberFirmware.Device.NanoClr.Link
{
    /// <summary>The device link key held in RAM (null: an unprovisioned device).</summary>
    public sealed class InMemoryKeySource : ILinkKeySource
    {
        private readonly byte[] _key;

        public InMemoryKeySource(byte[] key)
        {
            _key = key;
        }

        public int CopyLinkKey(byte[] destination, int offset)
        {
            if (_key == null || destination.Length - offset < _key.Length)
            {
                return 0;
            }

            Array.Copy(_key, 0, destination, offset, _key.Length);
            return _key.Length;
        }
    }
}
