namespace ChamberFirmware.Core.Config
{
    /// <summary>Outcome of writing a new configuration. Anything but Ok leaves the previous one in force.</summary>
    public enum ConfigCommitStatus : byte
    {
        Ok = 0,
        /// <summary>The record itself is not acceptable (identity or settings); nothing was written.</summary>
        InvalidRecord = 1,
        /// <summary>The storage refused the write.</summary>
        WriteFailed = 2,
        /// <summary>Reading back did not return what was written; the new copy was discarded.</summary>
        VerifyFailed = 3,
        /// <summary>The storage does not offer the two slots an atomic commit needs.</summary>
        StorageUnusable = 4,
    }
}
