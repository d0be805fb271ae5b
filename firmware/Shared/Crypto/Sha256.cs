using System;
using ChamberFirmware.Hal.Clock;

namespace ChamberFirmware.Core.Crypto
{
    /// <summary>
    /// SHA-256 (FIPS 180-4), incremental, allocation-free after construction: every buffer is a
    /// field. Portable to nanoFramework (no SHA-256 in its stable library set for this use).
    /// Counts its compressions so the link's per-frame cost can be measured and asserted.
    /// Not thread-safe: one instance per user.
    /// </summary>
    public sealed class Sha256
    {
        public const int HashSize = 32;
        public const int BlockSize = 64;

        private readonly uint[] _state = new uint[8];
        private readonly byte[] _block = new byte[BlockSize];
        private int _blockFill;
        private long _byteCount;

        public Sha256()
        {
            Reset();
        }

        private IThreadScheduler _scheduler;

        /// <summary>Compressions run since construction (cost measure; wraps never in practice).</summary>
        public long CompressionCount { get; private set; }

        /// <summary>
        /// On the device's link thread: a yield after every compression (about 3.5 ms on the ESP32
        /// estimate), so hashing never holds the interpreter for longer than one block (nanoCLR lets
        /// a due higher-priority thread wait for the running one; docs/safety.md, "The supervisor is
        /// never starved"). Null, the default: no yields.
        /// </summary>
        public void AttachScheduler(IThreadScheduler scheduler)
        {
            _scheduler = scheduler;
        }

        public void Reset()
        {
            _state[0] = 0x6a09e667;
            _state[1] = 0xbb67ae85;
            _state[2] = 0x3c6ef372;
            _state[3] = 0xa54ff53a;
            _state[4] = 0x510e527f;
            _state[5] = 0x9b05688c;
            _state[6] = 0x1f83d9ab;
            _state[7] = 0x5be0cd19;
            _blockFill = 0;
            _byteCount = 0;
        }

        /// <summary>Absorbs count bytes of data from offset. Out-of-range arguments absorb nothing and return false.</summary>
        public bool Update(byte[] data, int offset, int count)
        {
            if (data == null || offset < 0 || count < 0 || offset > data.Length - count)
            {
                return false;
            }

            _byteCount += count;
            if (_blockFill > 0)
            {
                int take = BlockSize - _blockFill;
                if (take > count)
                {
                    take = count;
                }

                Array.Copy(data, offset, _block, _blockFill, take);
                _blockFill += take;
                offset += take;
                count -= take;
                if (_blockFill < BlockSize)
                {
                    return true;
                }

                Compress(_block, 0);
                _blockFill = 0;
            }

            while (count >= BlockSize)
            {
                Compress(data, offset);
                offset += BlockSize;
                count -= BlockSize;
            }

            if (count > 0)
            {
                Array.Copy(data, offset, _block, 0, count);
                _blockFill = count;
            }

            return true;
        }

        /// <summary>Writes the 32-byte digest at output[offset] and resets for the next message.</summary>
        public bool Finish(byte[] output, int offset)
        {
            if (output == null || offset < 0 || offset > output.Length - HashSize)
            {
                return false;
            }

            _block[_blockFill++] = 0x80;
            if (_blockFill > BlockSize - 8)
            {
                Array.Clear(_block, _blockFill, BlockSize - _blockFill);
                Compress(_block, 0);
                _blockFill = 0;
            }

            Array.Clear(_block, _blockFill, BlockSize - 8 - _blockFill);
            // The bit length, big-endian, as two words (no 64-bit shifts in a loop on the interpreter).
            WriteWord(_block, BlockSize - 8, (uint)(_byteCount >> 29));
            WriteWord(_block, BlockSize - 4, (uint)_byteCount << 3);
            Compress(_block, 0);
            WriteDigest(_state, output, offset);

            Reset();
            return true;
        }

        /// <summary>
        /// Copies the chaining state after a whole number of blocks (HMAC keeps the keyed inner and
        /// outer states so a tag costs no key-block compressions). Returns false mid-block.
        /// </summary>
        internal bool SaveState(uint[] destination, out long byteCount)
        {
            byteCount = _byteCount;
            if (_blockFill != 0)
            {
                return false;
            }

            Array.Copy(_state, destination, 8);
            return true;
        }

        internal void LoadState(uint[] source, long byteCount)
        {
            Array.Copy(source, _state, 8);
            _byteCount = byteCount;
            _blockFill = 0;
        }

        /// <summary>Writes the 8 state words big-endian at output[offset..offset+32). The caller checks the range.</summary>
        internal static void WriteDigest(uint[] state, byte[] output, int offset)
        {
            for (int i = 0; i < 8; i++)
            {
                uint word = state[i];
                output[offset] = (byte)(word >> 24);
                output[offset + 1] = (byte)(word >> 16);
                output[offset + 2] = (byte)(word >> 8);
                output[offset + 3] = (byte)word;
                offset += 4;
            }
        }

        private static void WriteWord(byte[] buffer, int offset, uint word)
        {
            buffer[offset] = (byte)(word >> 24);
            buffer[offset + 1] = (byte)(word >> 16);
            buffer[offset + 2] = (byte)(word >> 8);
            buffer[offset + 3] = (byte)word;
        }

        private void Compress(byte[] data, int offset)
        {
            CompressionCount++;
            Sha256Compression.Compress(_state, data, offset);
            if (_scheduler != null)
            {
                _scheduler.Yield();
            }
        }
    }
}
