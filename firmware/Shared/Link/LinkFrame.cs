using ChamberFirmware.Core.Wire;

namespace ChamberFirmware.Core.Link
{
    /// <summary>
    /// Frame layout checks and header writing (docs/protocol.md, frame layout). Works on caller
    /// buffers, allocates nothing, never throws: every index is checked before it is read.
    /// </summary>
    public static class LinkFrame
    {
        /// <summary>
        /// Checks the framing of frame[offset..offset+count) and reads its header. Does not check
        /// the tag or the sequence (the session does). Returns None when the frame is well formed.
        /// </summary>
        public static LinkRejectReason ParseHeader(byte[] frame, int offset, int count, out byte type, out uint sequence, out int payloadLength)
        {
            type = 0;
            sequence = 0;
            payloadLength = 0;
            if (frame == null || offset < 0 || count < 0 || offset > frame.Length - count)
            {
                return LinkRejectReason.Truncated;
            }

            if (count > LinkProtocol.MaxFrameSize)
            {
                return LinkRejectReason.Oversized;
            }

            if (count < LinkProtocol.MinFrameSize)
            {
                return LinkRejectReason.Truncated;
            }

            if (frame[offset + LinkProtocol.OffsetVersion] != LinkProtocol.Version)
            {
                return LinkRejectReason.BadVersion;
            }

            int declared = LittleEndian.ReadUInt16(frame, offset + LinkProtocol.OffsetLength);
            int present = count - LinkProtocol.MinFrameSize;
            if (declared > present)
            {
                return LinkRejectReason.Truncated;
            }

            if (declared < present)
            {
                return LinkRejectReason.BadLength;
            }

            type = frame[offset + LinkProtocol.OffsetType];
            sequence = LittleEndian.ReadUInt32(frame, offset + LinkProtocol.OffsetSequence);
            payloadLength = declared;
            return LinkRejectReason.None;
        }

        /// <summary>Writes the header; the payload must already be at offset + HeaderSize.</summary>
        public static void WriteHeader(byte[] buffer, int offset, byte type, uint sequence, int payloadLength)
        {
            buffer[offset + LinkProtocol.OffsetVersion] = LinkProtocol.Version;
            buffer[offset + LinkProtocol.OffsetType] = type;
            LittleEndian.WriteUInt16(buffer, offset + LinkProtocol.OffsetLength, payloadLength);
            LittleEndian.WriteUInt32(buffer, offset + LinkProtocol.OffsetSequence, sequence);
        }

        /// <summary>
        /// Completes an unauthenticated frame (Hello, FactoryProvision, Notice): header plus an
        /// all-zero tag field. Returns the frame length, or 0 if it does not fit.
        /// </summary>
        public static int WriteUnauthenticated(byte[] buffer, int offset, byte type, int payloadLength)
        {
            if (!Fits(buffer, offset, payloadLength))
            {
                return 0;
            }

            WriteHeader(buffer, offset, type, 0, payloadLength);
            int tagOffset = offset + LinkProtocol.HeaderSize + payloadLength;
            for (int i = 0; i < LinkProtocol.TagSize; i++)
            {
                buffer[tagOffset + i] = 0;
            }

            return LinkProtocol.MinFrameSize + payloadLength;
        }

        /// <summary>True when a frame with this payload fits in buffer from offset.</summary>
        public static bool Fits(byte[] buffer, int offset, int payloadLength)
        {
            return buffer != null && offset >= 0 && payloadLength >= 0 && payloadLength <= LinkProtocol.MaxPayloadSize
                && offset <= buffer.Length - (LinkProtocol.MinFrameSize + payloadLength);
        }
    }
}
