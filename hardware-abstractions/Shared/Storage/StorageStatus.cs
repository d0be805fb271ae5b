namespace ChamberFirmware.Hal.Storage
{
    /// <summary>Result of one non-volatile storage call. Storage calls never throw; callers look at this.</summary>
    public enum StorageStatus : byte
    {
        Ok = 0,
        /// <summary>The slot holds nothing (never written, or erased).</summary>
        Empty = 1,
        /// <summary>The slot holds more bytes than the caller's buffer can take; nothing was copied.</summary>
        BufferTooSmall = 2,
        /// <summary>The medium refused or failed the write; the slot may hold partial bytes.</summary>
        WriteFailed = 3,
        /// <summary>The medium failed the read.</summary>
        ReadFailed = 4,
        /// <summary>Bad slot number, null buffer or out-of-range offset/count: nothing was touched.</summary>
        InvalidArgument = 5,
        /// <summary>The data is larger than a slot can hold: nothing was written.</summary>
        TooLarge = 6,
    }
}
