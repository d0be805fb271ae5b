using System;

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

        private static readonly uint[] RoundConstants =
        {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        };

        private readonly uint[] _state = new uint[8];
        private readonly uint[] _schedule = new uint[64];
        private readonly byte[] _block = new byte[BlockSize];
        private int _blockFill;
        private long _byteCount;

        public Sha256()
        {
            Reset();
        }

        /// <summary>Compressions run since construction (cost measure; wraps never in practice).</summary>
        public long CompressionCount { get; private set; }

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

            long bitCount = _byteCount * 8;
            _block[_blockFill++] = 0x80;
            if (_blockFill > BlockSize - 8)
            {
                Array.Clear(_block, _blockFill, BlockSize - _blockFill);
                Compress(_block, 0);
                _blockFill = 0;
            }

            Array.Clear(_block, _blockFill, BlockSize - 8 - _blockFill);
            for (int i = 0; i < 8; i++)
            {
                _block[BlockSize - 1 - i] = (byte)(bitCount >> (8 * i));
            }

            Compress(_block, 0);
            for (int i = 0; i < 8; i++)
            {
                uint word = _state[i];
                output[offset + (4 * i)] = (byte)(word >> 24);
                output[offset + (4 * i) + 1] = (byte)(word >> 16);
                output[offset + (4 * i) + 2] = (byte)(word >> 8);
                output[offset + (4 * i) + 3] = (byte)word;
            }

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

        private void Compress(byte[] data, int offset)
        {
            CompressionCount++;
            uint[] w = _schedule;
            for (int i = 0; i < 16; i++)
            {
                int p = offset + (4 * i);
                w[i] = ((uint)data[p] << 24) | ((uint)data[p + 1] << 16) | ((uint)data[p + 2] << 8) | data[p + 3];
            }

            for (int i = 16; i < 64; i++)
            {
                uint x = w[i - 15];
                uint y = w[i - 2];
                uint s0 = ((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3);
                uint s1 = ((y >> 17) | (y << 15)) ^ ((y >> 19) | (y << 13)) ^ (y >> 10);
                w[i] = w[i - 16] + s0 + w[i - 7] + s1;
            }

            uint a = _state[0];
            uint b = _state[1];
            uint c = _state[2];
            uint d = _state[3];
            uint e = _state[4];
            uint f = _state[5];
            uint g = _state[6];
            uint h = _state[7];
            uint[] k = RoundConstants;
            for (int i = 0; i < 64; i++)
            {
                uint bigS1 = ((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7));
                uint choose = (e & f) ^ (~e & g);
                uint t1 = h + bigS1 + choose + k[i] + w[i];
                uint bigS0 = ((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10));
                uint majority = (a & b) ^ (a & c) ^ (b & c);
                uint t2 = bigS0 + majority;
                h = g;
                g = f;
                f = e;
                e = d + t1;
                d = c;
                c = b;
                b = a;
                a = t1 + t2;
            }

            _state[0] += a;
            _state[1] += b;
            _state[2] += c;
            _state[3] += d;
            _state[4] += e;
            _state[5] += f;
            _state[6] += g;
            _state[7] += h;
        }
    }
}
