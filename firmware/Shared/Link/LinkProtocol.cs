namespace ChamberFirmware.Core.Link
{
    /// <summary>Fixed numbers of link protocol version 1 (docs/protocol.md). Wire-stable.</summary>
    public static class LinkProtocol
    {
        public const byte Version = 1;

        /// <summary>version(1) type(1) payload length(2, LE) sequence(4, LE).</summary>
        public const int HeaderSize = 8;

        /// <summary>HMAC-SHA256 truncated to its first 16 bytes.</summary>
        public const int TagSize = 16;

        public const int MaxFrameSize = 256;
        public const int MinFrameSize = HeaderSize + TagSize;
        public const int MaxPayloadSize = MaxFrameSize - HeaderSize - TagSize;

        public const int NonceSize = 16;

        /// <summary>The per-device link key is exactly 32 random bytes.</summary>
        public const int DeviceKeySize = 32;

        /// <summary>Length prefix used by stream transports (TCP): 2 bytes, little-endian.</summary>
        public const int StreamLengthPrefixSize = 2;

        public const int OffsetVersion = 0;
        public const int OffsetType = 1;
        public const int OffsetLength = 2;
        public const int OffsetSequence = 4;
        public const int OffsetPayload = HeaderSize;

        /// <summary>Identity strings (serial number, hardware revision): 1..32 printable ASCII bytes.</summary>
        public const int MaxIdentityLength = 32;
    }
}
