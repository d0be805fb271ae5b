using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Core.Wire;

namespace ChamberFirmware.Core.Link
{
    /// <summary>
    /// Payload layouts of the message catalogue (docs/protocol.md), little-endian, into and out of
    /// caller-owned objects and buffers. Callers check the payload length first.
    /// </summary>
    public static class LinkPayloads
    {
        /// <summary>Six int32: target, count limit, growth limit, duration, ramp, max channels.</summary>
        public const int ProfileSize = 24;

        /// <summary>Six int32: link timeout, over-temperature, rearm per-mille, rearm heartbeats, counter gain, temperature offset.</summary>
        public const int SettingsSize = ChamberSettingsCodec.Size;

        /// <summary>ChamberStatus, see WriteStatus.</summary>
        public const int StatusSize = 50;

        /// <summary>Response: request type(1) request sequence(4) result(1) detail(2).</summary>
        public const int ResponseHeaderSize = 8;

        /// <summary>HelloChallenge: device nonce(16) console nonce echoed(16).</summary>
        public const int ChallengeSize = 2 * LinkProtocol.NonceSize;

        /// <summary>Notice: request type(1) result(1).</summary>
        public const int NoticeSize = 2;

        /// <summary>Device info before its strings: provisioned(1) reserved(3) generation(4) settings(24).</summary>
        public const int DeviceInfoFixedSize = 8 + SettingsSize;

        /// <summary>Device info with three strings of the maximum length, each with its length byte.</summary>
        public const int DeviceInfoMaxSize = DeviceInfoFixedSize + 3 * (1 + LinkProtocol.MaxIdentityLength);

        public static void WriteProfile(TreatmentProfile profile, byte[] buffer, int offset)
        {
            LittleEndian.WriteInt32(buffer, offset, profile.TargetCount);
            LittleEndian.WriteInt32(buffer, offset + 4, profile.CountLimit);
            LittleEndian.WriteInt32(buffer, offset + 8, profile.GrowthLimitPermillePerSecond);
            LittleEndian.WriteInt32(buffer, offset + 12, profile.DurationMilliseconds);
            LittleEndian.WriteInt32(buffer, offset + 16, profile.RampChannelsPerSecond);
            LittleEndian.WriteInt32(buffer, offset + 20, profile.MaxActiveChannels);
        }

        public static void ReadProfile(byte[] buffer, int offset, TreatmentProfile profile)
        {
            profile.TargetCount = LittleEndian.ReadInt32(buffer, offset);
            profile.CountLimit = LittleEndian.ReadInt32(buffer, offset + 4);
            profile.GrowthLimitPermillePerSecond = LittleEndian.ReadInt32(buffer, offset + 8);
            profile.DurationMilliseconds = LittleEndian.ReadInt32(buffer, offset + 12);
            profile.RampChannelsPerSecond = LittleEndian.ReadInt32(buffer, offset + 16);
            profile.MaxActiveChannels = LittleEndian.ReadInt32(buffer, offset + 20);
        }

        /// <summary>The settings payload: the same layout as the stored record (ChamberSettingsCodec).</summary>
        public static void WriteSettings(ChamberSettings settings, byte[] buffer, int offset)
        {
            ChamberSettingsCodec.Write(settings, buffer, offset);
        }

        public static void ReadSettings(byte[] buffer, int offset, ChamberSettings settings)
        {
            ChamberSettingsCodec.Read(buffer, offset, settings);
        }

        /// <summary>
        /// state(1) latched(2) lastCut(2) uptime µs(8) count(4) growth(4) emitter mask(4)
        /// link age ms(4) temperature(4) count limit(4) target(4) remaining ms(4) provisioned(1).
        /// </summary>
        public static void WriteStatus(ChamberStatus status, byte[] buffer, int offset)
        {
            buffer[offset] = (byte)status.State;
            LittleEndian.WriteUInt16(buffer, offset + 1, (ushort)status.LatchedReasons);
            LittleEndian.WriteUInt16(buffer, offset + 3, (ushort)status.LastCutReasons);
            LittleEndian.WriteInt64(buffer, offset + 5, status.UptimeMicroseconds);
            LittleEndian.WriteInt32(buffer, offset + 13, status.Count);
            LittleEndian.WriteInt32(buffer, offset + 17, status.GrowthPermillePerSecond);
            LittleEndian.WriteInt32(buffer, offset + 21, status.ActiveEmitterMask);
            LittleEndian.WriteInt32(buffer, offset + 25, status.LinkAgeMilliseconds);
            LittleEndian.WriteInt32(buffer, offset + 29, status.TemperatureCentiCelsius);
            LittleEndian.WriteInt32(buffer, offset + 33, status.CountLimit);
            LittleEndian.WriteInt32(buffer, offset + 37, status.TargetCount);
            LittleEndian.WriteInt32(buffer, offset + 41, status.RemainingMilliseconds);
            buffer[offset + 45] = status.Provisioned ? (byte)1 : (byte)0;
            buffer[offset + 46] = 0;
            buffer[offset + 47] = 0;
            buffer[offset + 48] = 0;
            buffer[offset + 49] = 0;
        }

        public static void ReadStatus(byte[] buffer, int offset, ChamberStatus status)
        {
            status.State = (ChamberState)buffer[offset];
            status.LatchedReasons = (CutReasons)LittleEndian.ReadUInt16(buffer, offset + 1);
            status.LastCutReasons = (CutReasons)LittleEndian.ReadUInt16(buffer, offset + 3);
            status.UptimeMicroseconds = LittleEndian.ReadInt64(buffer, offset + 5);
            status.Count = LittleEndian.ReadInt32(buffer, offset + 13);
            status.GrowthPermillePerSecond = LittleEndian.ReadInt32(buffer, offset + 17);
            status.ActiveEmitterMask = LittleEndian.ReadInt32(buffer, offset + 21);
            status.LinkAgeMilliseconds = LittleEndian.ReadInt32(buffer, offset + 25);
            status.TemperatureCentiCelsius = LittleEndian.ReadInt32(buffer, offset + 29);
            status.CountLimit = LittleEndian.ReadInt32(buffer, offset + 33);
            status.TargetCount = LittleEndian.ReadInt32(buffer, offset + 37);
            status.RemainingMilliseconds = LittleEndian.ReadInt32(buffer, offset + 41);
            status.Provisioned = buffer[offset + 45] != 0;
        }

        /// <summary>
        /// provisioned(1) reserved(3) config generation(4) settings(24), then serial number,
        /// hardware revision and firmware version, each as length(1) + printable ASCII (at most
        /// LinkProtocol.MaxIdentityLength; longer text is cut, other characters become '?').
        /// Returns the number of bytes written (at most DeviceInfoMaxSize).
        /// </summary>
        public static int WriteDeviceInfo(LinkDeviceInfo info, byte[] buffer, int offset)
        {
            buffer[offset] = info.Provisioned ? (byte)1 : (byte)0;
            buffer[offset + 1] = 0;
            buffer[offset + 2] = 0;
            buffer[offset + 3] = 0;
            LittleEndian.WriteUInt32(buffer, offset + 4, info.ConfigGeneration);
            WriteSettings(info.Settings, buffer, offset + 8);
            int at = offset + DeviceInfoFixedSize;
            at = WriteText(info.SerialNumber, buffer, at);
            at = WriteText(info.HardwareRevision, buffer, at);
            at = WriteText(info.FirmwareVersion, buffer, at);
            return at - offset;
        }

        /// <summary>Reads a device info payload of count bytes (console side). False when malformed.</summary>
        public static bool ReadDeviceInfo(byte[] buffer, int offset, int count, LinkDeviceInfo info)
        {
            if (count < DeviceInfoFixedSize + 3)
            {
                return false;
            }

            info.Provisioned = buffer[offset] != 0;
            info.ConfigGeneration = LittleEndian.ReadUInt32(buffer, offset + 4);
            ReadSettings(buffer, offset + 8, info.Settings);
            int at = offset + DeviceInfoFixedSize;
            int end = offset + count;
            string serial = ReadText(buffer, ref at, end);
            string revision = serial == null ? null : ReadText(buffer, ref at, end);
            string firmware = revision == null ? null : ReadText(buffer, ref at, end);
            if (firmware == null || at != end)
            {
                return false;
            }

            info.SerialNumber = serial;
            info.HardwareRevision = revision;
            info.FirmwareVersion = firmware;
            return true;
        }

        private static int WriteText(string text, byte[] buffer, int at)
        {
            int length = text == null ? 0 : text.Length;
            if (length > LinkProtocol.MaxIdentityLength)
            {
                length = LinkProtocol.MaxIdentityLength;
            }

            buffer[at] = (byte)length;
            for (int i = 0; i < length; i++)
            {
                char c = text[i];
                buffer[at + 1 + i] = c >= ' ' && c <= '~' ? (byte)c : (byte)'?';
            }

            return at + 1 + length;
        }

        private static string ReadText(byte[] buffer, ref int at, int end)
        {
            if (at >= end)
            {
                return null;
            }

            int length = buffer[at];
            if (length > LinkProtocol.MaxIdentityLength || at + 1 + length > end)
            {
                return null;
            }

            char[] chars = new char[length];
            for (int i = 0; i < length; i++)
            {
                byte b = buffer[at + 1 + i];
                chars[i] = b >= 0x20 && b <= 0x7E ? (char)b : '?';
            }

            at += 1 + length;
            return new string(chars, 0, length);
        }
    }
}
