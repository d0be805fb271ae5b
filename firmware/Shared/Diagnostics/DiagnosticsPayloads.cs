using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Core.Wire;

namespace ChamberFirmware.Core.Diagnostics
{
    /// <summary>
    /// Encoders and decoders of the diagnostics payloads: versioned (first byte = format version),
    /// little-endian, byte layouts in docs/ble-gatt.md. Encoders write into a caller-owned buffer and
    /// never allocate; they return the number of bytes written, or -1 if the buffer is too small.
    /// Decoders fill a caller-owned object and report bad input as a <see cref="PayloadDecodeResult"/>.
    /// The device, the host bridge, chamberctl and the tests all use this code; the web page's
    /// decoder.js mirrors it and is tested against the same golden files.
    /// </summary>
    public static class DiagnosticsPayloads
    {
        public const byte FormatVersion = 1;

        public const int StatusLength = 28;
        public const int CountersLength = 16 + (3 * 4 * DiagnosticsCounters.SlotsPerKind);
        public const int TelemetryLength = 20;
        public const int EventPageHeaderLength = 12;
        public const int EventRecordLength = 32;
        public const int EventsPerPage = 7;
        public const int MaxEventPageLength = EventPageHeaderLength + (EventsPerPage * EventRecordLength);
        public const int IdentityFieldCount = 6;
        public const int MaxIdentityFieldLength = 32;
        public const int MaxIdentityLength = 2 + (IdentityFieldCount * (1 + MaxIdentityFieldLength));

        /// <summary>Telemetry link age meaning "no heartbeat yet"; a real age saturates one below it.</summary>
        public const int TelemetryNoHeartbeat = 0xFFFF;

        /// <summary>Event-record (and status) link age meaning "no heartbeat yet" (ChamberStatus uses int.MaxValue).</summary>
        public const int EventNoHeartbeat = int.MaxValue;

        /// <summary>The largest payload: every read fits one ATT read at MTU 247 (docs/ble-gatt.md).</summary>
        public const int MaxPayloadLength = MaxEventPageLength;

        private const byte ProvisionedFlag = 0x01;

        // ---- status -------------------------------------------------------------------------

        public static int EncodeStatus(DiagnosticsSnapshot snapshot, byte[] buffer, int offset)
        {
            if (!Fits(buffer, offset, StatusLength))
            {
                return -1;
            }

            buffer[offset] = FormatVersion;
            buffer[offset + 1] = (byte)snapshot.State;
            buffer[offset + 2] = snapshot.Provisioned ? ProvisionedFlag : (byte)0;
            buffer[offset + 3] = 0;
            LittleEndian.WriteUInt16(buffer, offset + 4, (int)snapshot.LatchedReasons);
            LittleEndian.WriteUInt16(buffer, offset + 6, (int)snapshot.LastCutReasons);
            LittleEndian.WriteInt64(buffer, offset + 8, snapshot.UptimeMicroseconds);
            LittleEndian.WriteInt32(buffer, offset + 16, snapshot.RemainingMilliseconds);
            LittleEndian.WriteInt32(buffer, offset + 20, snapshot.CountLimit);
            LittleEndian.WriteInt32(buffer, offset + 24, snapshot.TargetCount);
            return StatusLength;
        }

        public static PayloadDecodeResult DecodeStatus(byte[] data, int offset, int length, StatusPayload into)
        {
            PayloadDecodeResult check = CheckHeader(data, offset, length);
            if (check != PayloadDecodeResult.Ok)
            {
                return check;
            }

            if (length != StatusLength)
            {
                return PayloadDecodeResult.WrongLength;
            }

            if (data[offset + 1] > (byte)ChamberState.SafeStop || (data[offset + 2] & ~ProvisionedFlag) != 0)
            {
                return PayloadDecodeResult.InvalidValue;
            }

            into.State = (ChamberState)data[offset + 1];
            into.Provisioned = (data[offset + 2] & ProvisionedFlag) != 0;
            into.LatchedReasons = (CutReasons)LittleEndian.ReadUInt16(data, offset + 4);
            into.LastCutReasons = (CutReasons)LittleEndian.ReadUInt16(data, offset + 6);
            into.UptimeMicroseconds = LittleEndian.ReadInt64(data, offset + 8);
            into.RemainingMilliseconds = LittleEndian.ReadInt32(data, offset + 16);
            into.CountLimit = LittleEndian.ReadInt32(data, offset + 20);
            into.TargetCount = LittleEndian.ReadInt32(data, offset + 24);
            return PayloadDecodeResult.Ok;
        }

        // ---- telemetry ----------------------------------------------------------------------

        public static int EncodeTelemetry(DiagnosticsSnapshot snapshot, byte[] buffer, int offset)
        {
            if (!Fits(buffer, offset, TelemetryLength))
            {
                return -1;
            }

            buffer[offset] = FormatVersion;
            buffer[offset + 1] = (byte)snapshot.State;
            LittleEndian.WriteUInt16(buffer, offset + 2, snapshot.ActiveEmitterMask);
            LittleEndian.WriteInt32(buffer, offset + 4, (int)(snapshot.UptimeMicroseconds / 1000));
            LittleEndian.WriteInt32(buffer, offset + 8, snapshot.Count);
            LittleEndian.WriteInt32(buffer, offset + 12, snapshot.GrowthPermillePerSecond);
            LittleEndian.WriteUInt16(buffer, offset + 16, snapshot.LinkAgeMilliseconds == EventNoHeartbeat
                ? TelemetryNoHeartbeat
                : Clamp(snapshot.LinkAgeMilliseconds, 0, TelemetryNoHeartbeat - 1));
            LittleEndian.WriteUInt16(buffer, offset + 18, Clamp(snapshot.TemperatureCentiCelsius, -32768, 32767));
            return TelemetryLength;
        }

        public static PayloadDecodeResult DecodeTelemetry(byte[] data, int offset, int length, TelemetryPayload into)
        {
            PayloadDecodeResult check = CheckHeader(data, offset, length);
            if (check != PayloadDecodeResult.Ok)
            {
                return check;
            }

            if (length != TelemetryLength)
            {
                return PayloadDecodeResult.WrongLength;
            }

            if (data[offset + 1] > (byte)ChamberState.SafeStop)
            {
                return PayloadDecodeResult.InvalidValue;
            }

            into.State = (ChamberState)data[offset + 1];
            into.ActiveEmitterMask = LittleEndian.ReadUInt16(data, offset + 2);
            into.UptimeMilliseconds = (uint)LittleEndian.ReadInt32(data, offset + 4);
            into.Count = LittleEndian.ReadInt32(data, offset + 8);
            into.GrowthPermillePerSecond = LittleEndian.ReadInt32(data, offset + 12);
            into.LinkAgeMilliseconds = LittleEndian.ReadUInt16(data, offset + 16);
            into.TemperatureCentiCelsius = (short)LittleEndian.ReadUInt16(data, offset + 18);
            return PayloadDecodeResult.Ok;
        }

        // ---- counters -----------------------------------------------------------------------

        public static int EncodeCounters(DiagnosticsCounters counters, byte[] buffer, int offset)
        {
            if (!Fits(buffer, offset, CountersLength))
            {
                return -1;
            }

            buffer[offset] = FormatVersion;
            buffer[offset + 1] = DiagnosticsCounters.SlotsPerKind;
            buffer[offset + 2] = 0;
            buffer[offset + 3] = 0;
            LittleEndian.WriteInt32(buffer, offset + 4, counters.Sessions);
            LittleEndian.WriteInt32(buffer, offset + 8, counters.LinkLosses);
            LittleEndian.WriteInt32(buffer, offset + 12, counters.Resets);
            int at = offset + 16;
            for (int i = 0; i < DiagnosticsCounters.SlotsPerKind; i++, at += 4)
            {
                LittleEndian.WriteInt32(buffer, at, counters.CutsForBit(i));
            }

            for (int i = 0; i < DiagnosticsCounters.SlotsPerKind; i++, at += 4)
            {
                LittleEndian.WriteInt32(buffer, at, counters.SensorErrorsFor(i));
            }

            for (int i = 0; i < DiagnosticsCounters.SlotsPerKind; i++, at += 4)
            {
                LittleEndian.WriteInt32(buffer, at, counters.LinkRejectsFor(i));
            }

            return CountersLength;
        }

        public static PayloadDecodeResult DecodeCounters(byte[] data, int offset, int length, CountersPayload into)
        {
            PayloadDecodeResult check = CheckHeader(data, offset, length);
            if (check != PayloadDecodeResult.Ok)
            {
                return check;
            }

            if (length != CountersLength)
            {
                return PayloadDecodeResult.WrongLength;
            }

            if (data[offset + 1] != DiagnosticsCounters.SlotsPerKind)
            {
                return PayloadDecodeResult.InvalidValue;
            }

            into.Sessions = (uint)LittleEndian.ReadInt32(data, offset + 4);
            into.LinkLosses = (uint)LittleEndian.ReadInt32(data, offset + 8);
            into.Resets = (uint)LittleEndian.ReadInt32(data, offset + 12);
            int at = offset + 16;
            for (int i = 0; i < DiagnosticsCounters.SlotsPerKind; i++, at += 4)
            {
                into.CutsByReasonBit[i] = (uint)LittleEndian.ReadInt32(data, at);
            }

            for (int i = 0; i < DiagnosticsCounters.SlotsPerKind; i++, at += 4)
            {
                into.SensorErrorsByStatus[i] = (uint)LittleEndian.ReadInt32(data, at);
            }

            for (int i = 0; i < DiagnosticsCounters.SlotsPerKind; i++, at += 4)
            {
                into.LinkRejectsByReason[i] = (uint)LittleEndian.ReadInt32(data, at);
            }

            return PayloadDecodeResult.Ok;
        }

        // ---- event-log page -----------------------------------------------------------------

        /// <summary>Encodes a page of <paramref name="recordCount"/> records (newest first) of window <paramref name="window"/>.</summary>
        public static int EncodeEventPage(int window, uint oldestSequence, uint nextSequence, DiagnosticsEventRecord[] records,
            int recordCount, byte[] buffer, int offset)
        {
            if (recordCount < 0 || recordCount > EventsPerPage || window < 0 || window > 255 || records == null || records.Length < recordCount)
            {
                return -1;
            }

            int length = EventPageHeaderLength + (recordCount * EventRecordLength);
            if (!Fits(buffer, offset, length))
            {
                return -1;
            }

            buffer[offset] = FormatVersion;
            buffer[offset + 1] = (byte)window;
            buffer[offset + 2] = (byte)recordCount;
            buffer[offset + 3] = EventRecordLength;
            LittleEndian.WriteInt32(buffer, offset + 4, (int)oldestSequence);
            LittleEndian.WriteInt32(buffer, offset + 8, (int)nextSequence);
            int at = offset + EventPageHeaderLength;
            for (int i = 0; i < recordCount; i++, at += EventRecordLength)
            {
                DiagnosticsEventRecord record = records[i];
                LittleEndian.WriteInt32(buffer, at, (int)record.Sequence);
                LittleEndian.WriteInt64(buffer, at + 4, record.TimeMicroseconds);
                buffer[at + 12] = (byte)record.Kind;
                buffer[at + 13] = (byte)record.State;
                LittleEndian.WriteUInt16(buffer, at + 14, (int)record.Reasons);
                LittleEndian.WriteInt32(buffer, at + 16, record.Count);
                LittleEndian.WriteInt32(buffer, at + 20, record.GrowthPermillePerSecond);
                LittleEndian.WriteInt32(buffer, at + 24, record.LinkAgeMilliseconds);
                LittleEndian.WriteUInt16(buffer, at + 28, Clamp(record.TemperatureCentiCelsius, -32768, 32767));
                LittleEndian.WriteUInt16(buffer, at + 30, record.EmitterMask);
            }

            return length;
        }

        public static PayloadDecodeResult DecodeEventPage(byte[] data, int offset, int length, EventLogPage into)
        {
            PayloadDecodeResult check = CheckHeader(data, offset, length);
            if (check != PayloadDecodeResult.Ok)
            {
                return check;
            }

            if (length < EventPageHeaderLength)
            {
                return PayloadDecodeResult.WrongLength;
            }

            int count = data[offset + 2];
            if (count > EventsPerPage || data[offset + 3] != EventRecordLength || data[offset + 1] >= DiagnosticsCharacteristic.EventWindowCount)
            {
                return PayloadDecodeResult.InvalidValue;
            }

            if (length != EventPageHeaderLength + (count * EventRecordLength))
            {
                return PayloadDecodeResult.WrongLength;
            }

            int at = offset + EventPageHeaderLength;
            for (int i = 0; i < count; i++, at += EventRecordLength)
            {
                if (data[at + 13] > (byte)ChamberState.SafeStop)
                {
                    return PayloadDecodeResult.InvalidValue;
                }
            }

            into.Window = data[offset + 1];
            into.RecordCount = count;
            into.OldestSequence = (uint)LittleEndian.ReadInt32(data, offset + 4);
            into.NextSequence = (uint)LittleEndian.ReadInt32(data, offset + 8);
            at = offset + EventPageHeaderLength;
            for (int i = 0; i < count; i++, at += EventRecordLength)
            {
                DiagnosticsEventRecord record = into.Records[i];
                record.Sequence = (uint)LittleEndian.ReadInt32(data, at);
                record.TimeMicroseconds = LittleEndian.ReadInt64(data, at + 4);
                record.Kind = (DiagnosticsEventKind)data[at + 12];
                record.State = (ChamberState)data[at + 13];
                record.Reasons = (CutReasons)LittleEndian.ReadUInt16(data, at + 14);
                record.Count = LittleEndian.ReadInt32(data, at + 16);
                record.GrowthPermillePerSecond = LittleEndian.ReadInt32(data, at + 20);
                record.LinkAgeMilliseconds = LittleEndian.ReadInt32(data, at + 24);
                record.TemperatureCentiCelsius = (short)LittleEndian.ReadUInt16(data, at + 28);
                record.EmitterMask = LittleEndian.ReadUInt16(data, at + 30);
            }

            return PayloadDecodeResult.Ok;
        }

        // ---- identity -----------------------------------------------------------------------

        /// <summary>
        /// Encodes the identity: version, field count, then six length-prefixed ASCII fields
        /// (manufacturer, model, serial, hardware, firmware, software revision). Set-up time only.
        /// </summary>
        public static int EncodeIdentity(DiagnosticsIdentity identity, byte[] buffer, int offset)
        {
            if (!Fits(buffer, offset, 2))
            {
                return -1;
            }

            buffer[offset] = FormatVersion;
            buffer[offset + 1] = IdentityFieldCount;
            int at = offset + 2;
            at = WriteAsciiField(identity.Manufacturer, buffer, at);
            at = WriteAsciiField(identity.Model, buffer, at);
            at = WriteAsciiField(identity.SerialNumber, buffer, at);
            at = WriteAsciiField(identity.HardwareRevision, buffer, at);
            at = WriteAsciiField(identity.FirmwareRevision, buffer, at);
            at = WriteAsciiField(identity.SoftwareRevision, buffer, at);
            return at < 0 ? -1 : at - offset;
        }

        /// <summary>Decodes an identity payload (allocates the strings: client side).</summary>
        public static PayloadDecodeResult DecodeIdentity(byte[] data, int offset, int length, DiagnosticsIdentity into)
        {
            PayloadDecodeResult check = CheckHeader(data, offset, length);
            if (check != PayloadDecodeResult.Ok)
            {
                return check;
            }

            if (length < 2)
            {
                return PayloadDecodeResult.WrongLength;
            }

            if (data[offset + 1] != IdentityFieldCount)
            {
                return PayloadDecodeResult.InvalidValue;
            }

            string[] fields = new string[IdentityFieldCount];
            int at = offset + 2;
            int end = offset + length;
            for (int i = 0; i < IdentityFieldCount; i++)
            {
                if (at >= end)
                {
                    return PayloadDecodeResult.WrongLength;
                }

                int fieldLength = data[at];
                if (fieldLength > MaxIdentityFieldLength)
                {
                    return PayloadDecodeResult.InvalidValue;
                }

                if (at + 1 + fieldLength > end)
                {
                    return PayloadDecodeResult.WrongLength;
                }

                char[] chars = new char[fieldLength];
                for (int c = 0; c < fieldLength; c++)
                {
                    byte b = data[at + 1 + c];
                    if (b < 0x20 || b > 0x7E)
                    {
                        return PayloadDecodeResult.InvalidValue;
                    }

                    chars[c] = (char)b;
                }

                fields[i] = new string(chars);
                at += 1 + fieldLength;
            }

            if (at != end)
            {
                return PayloadDecodeResult.WrongLength;
            }

            into.Manufacturer = fields[0];
            into.Model = fields[1];
            into.SerialNumber = fields[2];
            into.HardwareRevision = fields[3];
            into.FirmwareRevision = fields[4];
            into.SoftwareRevision = fields[5];
            return PayloadDecodeResult.Ok;
        }

        // ---- helpers ------------------------------------------------------------------------

        private static int WriteAsciiField(string text, byte[] buffer, int at)
        {
            if (at < 0)
            {
                return -1;
            }

            int length = text == null ? 0 : text.Length;
            if (length > MaxIdentityFieldLength)
            {
                length = MaxIdentityFieldLength;
            }

            if (!Fits(buffer, at, 1 + length))
            {
                return -1;
            }

            buffer[at] = (byte)length;
            for (int i = 0; i < length; i++)
            {
                char c = text[i];
                buffer[at + 1 + i] = c >= ' ' && c <= '~' ? (byte)c : (byte)'?';
            }

            return at + 1 + length;
        }

        private static PayloadDecodeResult CheckHeader(byte[] data, int offset, int length)
        {
            if (data == null || length <= 0)
            {
                return PayloadDecodeResult.Empty;
            }

            if (offset < 0 || offset > data.Length - length)
            {
                return PayloadDecodeResult.WrongLength;
            }

            return data[offset] == FormatVersion ? PayloadDecodeResult.Ok : PayloadDecodeResult.UnsupportedVersion;
        }

        private static bool Fits(byte[] buffer, int offset, int length)
        {
            return buffer != null && offset >= 0 && offset <= buffer.Length - length;
        }

        private static int Clamp(int value, int min, int max)
        {
            return value < min ? min : (value > max ? max : value);
        }






    }
}
