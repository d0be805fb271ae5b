using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Wire;

namespace ChamberFirmware.Core.Config
{
    /// <summary>
    /// The stored form of a ConfigRecord, little-endian:
    /// <code>
    ///  0  magic "CHCF" (4)        4  format version u16     6  total length u16 (header to CRC, inclusive)
    ///  8  generation u32         12  serial length u8 + ASCII bytes, hardware-revision length u8 + ASCII bytes
    ///     link key (32)              settings: 6 x i32 in SettingsField order
    ///     CRC-32 u32 over every byte before it
    /// </code>
    /// Decode checks, in order: size, magic, declared length, CRC, version, identity, settings, and
    /// reports the first failure as a status; it never throws and never fills the target from a
    /// record it refuses. Encode refuses a record it could not decode again.
    /// </summary>
    public static class ConfigRecordCodec
    {
        public const ushort FormatVersion = 1;
        public const int HeaderLength = 8;
        public const int CrcLength = 4;
        private const int SettingsLength = 6 * 4;
        private const int FixedLength = HeaderLength + 4 + 1 + 1 + ConfigRecord.LinkKeyLength + SettingsLength + CrcLength;

        /// <summary>Smallest valid record (one-character identity strings).</summary>
        public const int MinEncodedLength = FixedLength + 2;

        /// <summary>Largest record: size storage slots and buffers with this.</summary>
        public const int MaxEncodedLength = FixedLength + ConfigRecord.MaxSerialNumberLength + ConfigRecord.MaxHardwareRevisionLength;

        private const byte Magic0 = 0x43; // 'C'
        private const byte Magic1 = 0x48; // 'H'
        private const byte Magic2 = 0x43; // 'C'
        private const byte Magic3 = 0x46; // 'F'

        /// <summary>
        /// Writes the record into buffer[offset..]; length is the number of bytes written. Returns
        /// InvalidIdentity / SettingsOutOfBounds / InvalidArgument without writing anything usable.
        /// </summary>
        public static ConfigDecodeStatus Encode(ConfigRecord record, byte[] buffer, int offset, out int length)
        {
            length = 0;
            if (record == null || buffer == null || offset < 0)
            {
                return ConfigDecodeStatus.InvalidArgument;
            }

            if (!IsValidIdentityText(record.SerialNumber, ConfigRecord.MaxSerialNumberLength)
                || !IsValidIdentityText(record.HardwareRevision, ConfigRecord.MaxHardwareRevisionLength))
            {
                return ConfigDecodeStatus.InvalidIdentity;
            }

            ChamberSettings settings = record.SettingsView;
            if (!SafetySettingsValidator.Validate(settings, out _))
            {
                return ConfigDecodeStatus.SettingsOutOfBounds;
            }

            int total = FixedLength + record.SerialNumber.Length + record.HardwareRevision.Length;
            if (offset > buffer.Length - total)
            {
                return ConfigDecodeStatus.InvalidArgument;
            }

            int p = offset;
            buffer[p++] = Magic0;
            buffer[p++] = Magic1;
            buffer[p++] = Magic2;
            buffer[p++] = Magic3;
            LittleEndian.WriteUInt16(buffer, p, FormatVersion);
            p += 2;
            LittleEndian.WriteUInt16(buffer, p, (ushort)total);
            p += 2;
            LittleEndian.WriteUInt32(buffer, p, record.Generation);
            p += 4;
            p = PutAscii(buffer, p, record.SerialNumber);
            p = PutAscii(buffer, p, record.HardwareRevision);
            record.CopyLinkKey(buffer, p);
            p += ConfigRecord.LinkKeyLength;
            ChamberSettingsCodec.Write(settings, buffer, p);
            p += ChamberSettingsCodec.Size;
            uint crc = Crc32.Compute(buffer, offset, p - offset);
            LittleEndian.WriteUInt32(buffer, p, crc);
            p += 4;
            length = p - offset;
            return ConfigDecodeStatus.Ok;
        }

        /// <summary>
        /// Reads a record from buffer[offset..offset+count) into target. The target is changed only
        /// when the result is Ok. Strings are allocated (boot and provisioning only, not a periodic path).
        /// </summary>
        public static ConfigDecodeStatus Decode(byte[] buffer, int offset, int count, ConfigRecord target)
        {
            if (buffer == null || target == null || offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                return ConfigDecodeStatus.InvalidArgument;
            }

            if (count == 0)
            {
                return ConfigDecodeStatus.Empty;
            }

            if (count < HeaderLength)
            {
                return ConfigDecodeStatus.Truncated;
            }

            if (buffer[offset] != Magic0 || buffer[offset + 1] != Magic1 || buffer[offset + 2] != Magic2 || buffer[offset + 3] != Magic3)
            {
                return ConfigDecodeStatus.NotARecord;
            }

            int declared = LittleEndian.ReadUInt16(buffer, offset + 6);
            if (declared < HeaderLength + CrcLength)
            {
                return ConfigDecodeStatus.LengthMismatch;
            }

            if (declared > count)
            {
                return ConfigDecodeStatus.Truncated;
            }

            if (declared != count)
            {
                // Trailing bytes: an old longer record only partly overwritten, or padding nobody wrote.
                return ConfigDecodeStatus.LengthMismatch;
            }

            uint stored = LittleEndian.ReadUInt32(buffer, offset + declared - CrcLength);
            if (Crc32.Compute(buffer, offset, declared - CrcLength) != stored)
            {
                return ConfigDecodeStatus.CrcMismatch;
            }

            if (LittleEndian.ReadUInt16(buffer, offset + 4) != FormatVersion)
            {
                return ConfigDecodeStatus.UnsupportedVersion;
            }

            if (declared < MinEncodedLength || declared > MaxEncodedLength)
            {
                return ConfigDecodeStatus.LengthMismatch;
            }

            int p = offset + HeaderLength;
            uint generation = LittleEndian.ReadUInt32(buffer, p);
            p += 4;
            int serialAt = p + 1;
            int serialLength = buffer[p];
            p = serialAt + serialLength;
            if (serialLength == 0 || serialLength > ConfigRecord.MaxSerialNumberLength || p >= offset + declared)
            {
                return ConfigDecodeStatus.InvalidIdentity;
            }

            int revisionAt = p + 1;
            int revisionLength = buffer[p];
            p = revisionAt + revisionLength;
            if (revisionLength == 0 || revisionLength > ConfigRecord.MaxHardwareRevisionLength)
            {
                return ConfigDecodeStatus.InvalidIdentity;
            }

            if (p + ConfigRecord.LinkKeyLength + SettingsLength + CrcLength != offset + declared)
            {
                return ConfigDecodeStatus.LengthMismatch;
            }

            if (!IsPrintableAscii(buffer, serialAt, serialLength) || !IsPrintableAscii(buffer, revisionAt, revisionLength))
            {
                return ConfigDecodeStatus.InvalidIdentity;
            }

            int keyAt = p;
            p += ConfigRecord.LinkKeyLength;
            ChamberSettings settings = new ChamberSettings();
            ChamberSettingsCodec.Read(buffer, p, settings);
            if (!SafetySettingsValidator.Validate(settings, out _))
            {
                return ConfigDecodeStatus.SettingsOutOfBounds;
            }

            target.Generation = generation;
            target.SerialNumber = GetAscii(buffer, serialAt, serialLength);
            target.HardwareRevision = GetAscii(buffer, revisionAt, revisionLength);
            target.SetLinkKey(buffer, keyAt);
            target.CopySettingsFrom(settings);
            return ConfigDecodeStatus.Ok;
        }

        /// <summary>Identity text: 1..maxLength printable ASCII characters without spaces.</summary>
        public static bool IsValidIdentityText(string text, int maxLength)
        {
            if (text == null || text.Length == 0 || text.Length > maxLength)
            {
                return false;
            }

            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '!' || c > '~')
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsPrintableAscii(byte[] buffer, int offset, int count)
        {
            for (int i = offset; i < offset + count; i++)
            {
                if (buffer[i] < 0x21 || buffer[i] > 0x7E)
                {
                    return false;
                }
            }

            return true;
        }

        private static string GetAscii(byte[] buffer, int offset, int count)
        {
            char[] chars = new char[count];
            for (int i = 0; i < count; i++)
            {
                chars[i] = (char)buffer[offset + i];
            }

            return new string(chars, 0, count);
        }

        private static int PutAscii(byte[] buffer, int p, string text)
        {
            buffer[p++] = (byte)text.Length;
            for (int i = 0; i < text.Length; i++)
            {
                buffer[p++] = (byte)text[i];
            }

            return p;
        }




    }
}
