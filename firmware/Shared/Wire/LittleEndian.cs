namespace ChamberFirmware.Core.Wire
{
    /// <summary>
    /// Little-endian field access on caller buffers (callers check bounds first): the one byte order
    /// of every wire and storage format (link frames, the config record, diagnostics payloads).
    /// </summary>
    public static class LittleEndian
    {
        public static void WriteUInt16(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
        }

        public static int ReadUInt16(byte[] buffer, int offset)
        {
            return buffer[offset] | (buffer[offset + 1] << 8);
        }

        public static void WriteInt32(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
            buffer[offset + 2] = (byte)(value >> 16);
            buffer[offset + 3] = (byte)(value >> 24);
        }

        public static int ReadInt32(byte[] buffer, int offset)
        {
            return buffer[offset] | (buffer[offset + 1] << 8) | (buffer[offset + 2] << 16) | (buffer[offset + 3] << 24);
        }

        public static void WriteUInt32(byte[] buffer, int offset, uint value)
        {
            WriteInt32(buffer, offset, (int)value);
        }

        public static uint ReadUInt32(byte[] buffer, int offset)
        {
            return (uint)ReadInt32(buffer, offset);
        }

        public static void WriteInt64(byte[] buffer, int offset, long value)
        {
            WriteInt32(buffer, offset, (int)value);
            WriteInt32(buffer, offset + 4, (int)(value >> 32));
        }

        public static long ReadInt64(byte[] buffer, int offset)
        {
            long low = (uint)ReadInt32(buffer, offset);
            long high = ReadInt32(buffer, offset + 4);
            return (high << 32) | low;
        }
    }
}
