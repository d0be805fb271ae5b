namespace ChamberFirmware.Core.Config
{
    /// <summary>Why a stored configuration record was accepted or refused. Decoding never throws.</summary>
    public enum ConfigDecodeStatus : byte
    {
        Ok = 0,
        /// <summary>No bytes at all (slot never written or erased).</summary>
        Empty = 1,
        /// <summary>Fewer bytes than the header, or than the length the header declares (torn write).</summary>
        Truncated = 2,
        /// <summary>The first bytes are not a configuration record.</summary>
        NotARecord = 3,
        /// <summary>The declared length is impossible for this format, or bytes follow the record.</summary>
        LengthMismatch = 4,
        /// <summary>The checksum does not match: bit flip, torn write or tampering.</summary>
        CrcMismatch = 5,
        /// <summary>A record of a format version this firmware does not read.</summary>
        UnsupportedVersion = 6,
        /// <summary>Serial number or hardware revision empty, too long or not printable ASCII.</summary>
        InvalidIdentity = 7,
        /// <summary>A stored setting is outside its hard bounds.</summary>
        SettingsOutOfBounds = 8,
        /// <summary>The caller's buffer or arguments were unusable.</summary>
        InvalidArgument = 9,
        /// <summary>The storage failed to read the slot.</summary>
        ReadFailed = 10,
    }
}
