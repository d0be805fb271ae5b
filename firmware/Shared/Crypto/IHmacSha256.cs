namespace ChamberFirmware.Core.Crypto
{
    /// <summary>
    /// HMAC-SHA256 (RFC 2104) as the link uses it: keyed once per session key, then one tag per
    /// frame over a caller's buffer range, nothing allocated per tag. The contract every
    /// implementation keeps (managed HmacSha256 today; a native-backed one when the device build
    /// can reference nanoFramework.System.Security.Cryptography, docs/safety.md):
    /// out-of-range arguments return false and never throw; without a key nothing is tagged;
    /// Finish and Compute write the full 32-byte tag and leave the instance ready for the next message.
    /// </summary>
    public interface IHmacSha256
    {
        bool HasKey { get; }

        /// <summary>Installs a key (any length; longer than a block is hashed first). False and no key on out-of-range arguments.</summary>
        bool SetKey(byte[] key, int offset, int count);

        /// <summary>Forgets the key and everything derived from it.</summary>
        void ClearKey();

        /// <summary>Starts a new message under the installed key.</summary>
        void Start();

        bool Update(byte[] data, int offset, int count);

        /// <summary>Writes the 32-byte tag at output[offset] and starts the next message.</summary>
        bool Finish(byte[] output, int offset);

        /// <summary>One-shot tag of data[offset..offset+count) into output[outputOffset..+32).</summary>
        bool Compute(byte[] data, int offset, int count, byte[] output, int outputOffset);
    }
}
