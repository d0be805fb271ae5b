using ChamberFirmware.Core.Wire;

namespace ChamberFirmware.Core.Config
{
    /// <summary>
    /// The one byte layout of ChamberSettings, shared by the link's settings payloads and the stored
    /// configuration record: six little-endian int32 in field order. Bounds are not checked here
    /// (SafetySettingsValidator does that).
    /// </summary>
    public static class ChamberSettingsCodec
    {
        public const int Size = 24;

        public static void Write(ChamberSettings settings, byte[] buffer, int offset)
        {
            LittleEndian.WriteInt32(buffer, offset, settings.LinkTimeoutMilliseconds);
            LittleEndian.WriteInt32(buffer, offset + 4, settings.OverTemperatureCentiCelsius);
            LittleEndian.WriteInt32(buffer, offset + 8, settings.RearmCountPermille);
            LittleEndian.WriteInt32(buffer, offset + 12, settings.RearmHeartbeats);
            LittleEndian.WriteInt32(buffer, offset + 16, settings.CounterGainPermille);
            LittleEndian.WriteInt32(buffer, offset + 20, settings.TemperatureOffsetCentiCelsius);
        }

        public static void Read(byte[] buffer, int offset, ChamberSettings settings)
        {
            settings.LinkTimeoutMilliseconds = LittleEndian.ReadInt32(buffer, offset);
            settings.OverTemperatureCentiCelsius = LittleEndian.ReadInt32(buffer, offset + 4);
            settings.RearmCountPermille = LittleEndian.ReadInt32(buffer, offset + 8);
            settings.RearmHeartbeats = LittleEndian.ReadInt32(buffer, offset + 12);
            settings.CounterGainPermille = LittleEndian.ReadInt32(buffer, offset + 16);
            settings.TemperatureOffsetCentiCelsius = LittleEndian.ReadInt32(buffer, offset + 20);
        }
    }
}
