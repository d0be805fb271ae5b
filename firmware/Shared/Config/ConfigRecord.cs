using System;

namespace ChamberFirmware.Core.Config
{
    /// <summary>
    /// One complete device configuration as stored: identity, the per-device link key and the
    /// settings, with the generation that orders the two storage slots. The key has no getter:
    /// it leaves only by an explicit copy into a caller's buffer, and is wiped with Clear.
    /// </summary>
    public sealed class ConfigRecord
    {
        public const int LinkKeyLength = 32;
        public const int MaxSerialNumberLength = 32;
        public const int MaxHardwareRevisionLength = 16;

        private readonly byte[] _linkKey = new byte[LinkKeyLength];
        private readonly ChamberSettings _settings = new ChamberSettings();

        /// <summary>Orders commits: the valid slot with the higher generation is the configuration in force.</summary>
        public uint Generation { get; set; }

        public string SerialNumber { get; set; } = string.Empty;

        public string HardwareRevision { get; set; } = string.Empty;

        /// <summary>True when a key other than all zeros is held (an all-zero key is "no key").</summary>
        public bool HasLinkKey
        {
            get
            {
                for (int i = 0; i < LinkKeyLength; i++)
                {
                    if (_linkKey[i] != 0)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>Copies LinkKeyLength bytes from source[offset..]. False (and nothing changed) when out of range.</summary>
        public bool SetLinkKey(byte[] source, int offset)
        {
            if (source == null || offset < 0 || offset > source.Length - LinkKeyLength)
            {
                return false;
            }

            Array.Copy(source, offset, _linkKey, 0, LinkKeyLength);
            return true;
        }

        /// <summary>Copies the key into destination[offset..]. False (and nothing copied) when out of range.</summary>
        public bool CopyLinkKey(byte[] destination, int offset)
        {
            if (destination == null || offset < 0 || offset > destination.Length - LinkKeyLength)
            {
                return false;
            }

            Array.Copy(_linkKey, 0, destination, offset, LinkKeyLength);
            return true;
        }

        /// <summary>True when the held key equals key[offset..offset+LinkKeyLength) (constant time).</summary>
        public bool LinkKeyEquals(byte[] key, int offset)
        {
            if (key == null || offset < 0 || offset > key.Length - LinkKeyLength)
            {
                return false;
            }

            int difference = 0;
            for (int i = 0; i < LinkKeyLength; i++)
            {
                difference |= _linkKey[i] ^ key[offset + i];
            }

            return difference == 0;
        }

        public void CopySettingsFrom(ChamberSettings source)
        {
            _settings.LinkTimeoutMilliseconds = source.LinkTimeoutMilliseconds;
            _settings.OverTemperatureCentiCelsius = source.OverTemperatureCentiCelsius;
            _settings.RearmCountPermille = source.RearmCountPermille;
            _settings.RearmHeartbeats = source.RearmHeartbeats;
            _settings.CounterGainPermille = source.CounterGainPermille;
            _settings.TemperatureOffsetCentiCelsius = source.TemperatureOffsetCentiCelsius;
        }

        public void CopySettingsTo(ChamberSettings target)
        {
            target.LinkTimeoutMilliseconds = _settings.LinkTimeoutMilliseconds;
            target.OverTemperatureCentiCelsius = _settings.OverTemperatureCentiCelsius;
            target.RearmCountPermille = _settings.RearmCountPermille;
            target.RearmHeartbeats = _settings.RearmHeartbeats;
            target.CounterGainPermille = _settings.CounterGainPermille;
            target.TemperatureOffsetCentiCelsius = _settings.TemperatureOffsetCentiCelsius;
        }

        /// <summary>The settings held, read in place (the codec and the store use this; callers get copies).</summary>
        internal ChamberSettings SettingsView => _settings;

        public void CopyFrom(ConfigRecord other)
        {
            Generation = other.Generation;
            SerialNumber = other.SerialNumber;
            HardwareRevision = other.HardwareRevision;
            Array.Copy(other._linkKey, 0, _linkKey, 0, LinkKeyLength);
            CopySettingsFrom(other._settings);
        }

        /// <summary>Back to factory content: no identity, no key, default settings.</summary>
        public void Clear()
        {
            Generation = 0;
            SerialNumber = string.Empty;
            HardwareRevision = string.Empty;
            Array.Clear(_linkKey, 0, LinkKeyLength);
            CopySettingsFrom(new ChamberSettings());
        }
    }
}
