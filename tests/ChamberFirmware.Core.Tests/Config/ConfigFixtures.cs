using ChamberFirmware.Core.Config;

namespace ChamberFirmware.Core.Tests.Config;

/// <summary>Records and keys used across the configuration tests.</summary>
internal static class ConfigFixtures
{
    public static byte[] Key(byte seed)
    {
        var key = new byte[ConfigRecord.LinkKeyLength];
        for (var i = 0; i < key.Length; i++)
        {
            key[i] = (byte)(seed + (i * 7));
        }

        return key;
    }

    public static ChamberSettings Settings(int linkTimeout = 300, int overTemperature = 4100) => new()
    {
        LinkTimeoutMilliseconds = linkTimeout,
        OverTemperatureCentiCelsius = overTemperature,
        RearmCountPermille = 400,
        RearmHeartbeats = 7,
        CounterGainPermille = 1010,
        TemperatureOffsetCentiCelsius = -35,
    };

    public static ConfigRecord Record(string serial = "CH-000123", string revision = "B2", byte keySeed = 11, int linkTimeout = 300, uint generation = 4)
    {
        var record = new ConfigRecord
        {
            Generation = generation,
            SerialNumber = serial,
            HardwareRevision = revision,
        };
        record.SetLinkKey(Key(keySeed), 0);
        record.CopySettingsFrom(Settings(linkTimeout));
        return record;
    }

    public static byte[] Encode(ConfigRecord record)
    {
        var buffer = new byte[ConfigRecordCodec.MaxEncodedLength];
        var status = ConfigRecordCodec.Encode(record, buffer, 0, out var length);
        if (status != ConfigDecodeStatus.Ok)
        {
            throw new System.InvalidOperationException("fixture did not encode: " + status);
        }

        return buffer[..length];
    }

    public static ChamberSettings SettingsOf(ConfigStore store)
    {
        var settings = new ChamberSettings();
        store.CopySettingsTo(settings);
        return settings;
    }

    public static byte[]? KeyOf(ConfigStore store)
    {
        var key = new byte[ConfigRecord.LinkKeyLength];
        return store.CopyLinkKey(key, 0) ? key : null;
    }
}
