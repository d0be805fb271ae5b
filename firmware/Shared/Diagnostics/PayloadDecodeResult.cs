namespace ChamberFirmware.Core.Diagnostics
{
    /// <summary>Outcome of decoding a diagnostics payload. Bad input is reported, never thrown.</summary>
    public enum PayloadDecodeResult : byte
    {
        Ok = 0,
        /// <summary>No bytes at all.</summary>
        Empty = 1,
        /// <summary>The first byte names a format version this decoder does not know.</summary>
        UnsupportedVersion = 2,
        /// <summary>The length does not match the format (truncated or padded).</summary>
        WrongLength = 3,
        /// <summary>A field holds a value the format does not allow (unknown state, too many records...).</summary>
        InvalidValue = 4,
    }
}
