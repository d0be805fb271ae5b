using System;
using ChamberFirmware.Hal.Clock;

namespace ChamberFirmware.Core.Crypto
{
    /// <summary>
    /// HMAC-SHA256 (RFC 2104), managed, incremental and allocation-free after construction.
    /// SetKey runs the ipad and opad compressions once and keeps both chaining states, so a tag
    /// costs only the message blocks plus one outer compression: a message of at most 55 bytes
    /// costs 2 compressions (not 4). The outer message is always the same shape (one keyed block,
    /// then the 32-byte inner digest), so its padding is written once and the inner digest lands
    /// straight in that block: no second pass through the incremental hash.
    /// </summary>
    public sealed class HmacSha256 : IHmacSha256
    {
        public const int TagSize = Sha256.HashSize;

        /// <summary>Longest key accepted without pre-hashing (one block); longer keys are hashed first, per RFC 2104.</summary>
        public const int MaxDirectKeyLength = Sha256.BlockSize;

        // Bits in the outer message: the opad block and the inner digest.
        private const int OuterMessageBits = (Sha256.BlockSize + Sha256.HashSize) * 8;

        private readonly Sha256 _hash = new Sha256();
        private readonly byte[] _pad = new byte[Sha256.BlockSize];
        private readonly byte[] _outerBlock = new byte[Sha256.BlockSize];
        private readonly uint[] _innerState = new uint[8];
        private readonly uint[] _outerState = new uint[8];
        private readonly uint[] _outerWork = new uint[8];
        private long _keyedByteCount;
        private long _outerCompressions;
        private bool _hasKey;
        private IThreadScheduler _scheduler;

        public HmacSha256()
        {
            // Outer block: [0..32) inner digest, then SHA-256 padding for a 96-byte message.
            _outerBlock[Sha256.HashSize] = 0x80;
            _outerBlock[Sha256.BlockSize - 2] = (byte)(OuterMessageBits >> 8);
            _outerBlock[Sha256.BlockSize - 1] = (byte)(OuterMessageBits & 0xFF);
        }

        public bool HasKey => _hasKey;

        /// <summary>Compressions run by this instance (cost measure).</summary>
        public long CompressionCount => _hash.CompressionCount + _outerCompressions;

        /// <summary>A yield after every compression, the outer one included (see Sha256.AttachScheduler). Null: none.</summary>
        public void AttachScheduler(IThreadScheduler scheduler)
        {
            _scheduler = scheduler;
            _hash.AttachScheduler(scheduler);
        }

        /// <summary>Installs a key. Returns false (and keeps no key) on out-of-range arguments.</summary>
        public bool SetKey(byte[] key, int offset, int count)
        {
            _hasKey = false;
            if (key == null || offset < 0 || count < 0 || offset > key.Length - count)
            {
                return false;
            }

            Array.Clear(_pad, 0, _pad.Length);
            if (count > MaxDirectKeyLength)
            {
                _hash.Reset();
                _hash.Update(key, offset, count);
                _hash.Finish(_pad, 0);
            }
            else
            {
                Array.Copy(key, offset, _pad, 0, count);
            }

            for (int i = 0; i < _pad.Length; i++)
            {
                _pad[i] ^= 0x36;
            }

            _hash.Reset();
            _hash.Update(_pad, 0, _pad.Length);
            _hash.SaveState(_innerState, out _keyedByteCount);

            for (int i = 0; i < _pad.Length; i++)
            {
                _pad[i] ^= 0x36 ^ 0x5c;
            }

            _hash.Reset();
            _hash.Update(_pad, 0, _pad.Length);
            _hash.SaveState(_outerState, out _keyedByteCount);

            // The padded key is secret: do not leave it in the scratch buffer.
            Array.Clear(_pad, 0, _pad.Length);
            _hasKey = true;
            Start();
            return true;
        }

        /// <summary>Forgets the key (scrubbing its derived states and the last inner digest).</summary>
        public void ClearKey()
        {
            Array.Clear(_innerState, 0, 8);
            Array.Clear(_outerState, 0, 8);
            Array.Clear(_outerWork, 0, 8);
            Array.Clear(_outerBlock, 0, Sha256.HashSize);
            _hash.Reset();
            _hasKey = false;
        }

        /// <summary>Starts a new message under the installed key.</summary>
        public void Start()
        {
            _hash.LoadState(_innerState, _keyedByteCount);
        }

        public bool Update(byte[] data, int offset, int count)
        {
            return _hasKey && _hash.Update(data, offset, count);
        }

        /// <summary>Writes the full 32-byte tag at output[offset] and starts the next message.</summary>
        public bool Finish(byte[] output, int offset)
        {
            if (!_hasKey || output == null || offset < 0 || offset > output.Length - TagSize)
            {
                return false;
            }

            _hash.Finish(_outerBlock, 0);
            Array.Copy(_outerState, _outerWork, 8);
            Sha256Compression.Compress(_outerWork, _outerBlock, 0);
            _outerCompressions++;
            if (_scheduler != null)
            {
                _scheduler.Yield();
            }

            Sha256.WriteDigest(_outerWork, output, offset);
            Start();
            return true;
        }

        /// <summary>One-shot tag of data[offset..offset+count) into output[outputOffset..+32).</summary>
        public bool Compute(byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            Start();
            return Update(data, offset, count) && Finish(output, outputOffset);
        }
    }
}
