namespace ChamberFirmware.Device.NanoClr.Link
{
    /// <summary>
    /// Reproducible bytes from a seed (xorshift32), the same on nanoCLR and .NET: test keys and
    /// nonces only, never a device's. System.Random is not used because its sequence differs
    /// between the two runtimes.
    /// </summary>
    public sealed class SeededBytes
    {
        private uint _state;

        public SeededBytes(int seed)
        {
            _state = (uint)seed * 2654435761u;
            if (_state == 0)
            {
                _state = 1;
            }
        }

        public void Fill(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                _state ^= _state << 13;
                _state ^= _state >> 17;
                _state ^= _state << 5;
                buffer[offset + i] = (byte)(_state >> 24);
            }
        }

        public static byte[] Key(int seed)
        {
            byte[] key = new byte[Core.Link.LinkProtocol.DeviceKeySize];
            new SeededBytes(seed).Fill(key, 0, key.Length);
            return key;
        }
    }
}
