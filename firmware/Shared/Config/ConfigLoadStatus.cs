namespace ChamberFirmware.Core.Config
{
    /// <summary>What the boot-time load of the two configuration slots found.</summary>
    public enum ConfigLoadStatus : byte
    {
        /// <summary>Load has not run yet: nothing is trusted.</summary>
        NotLoaded = 0,
        /// <summary>Both slots decoded; the newer one is in use.</summary>
        Loaded = 1,
        /// <summary>One slot is valid and in use; the other is empty or invalid (for example an interrupted commit).</summary>
        LoadedOneSlotInvalid = 2,
        /// <summary>Nothing is stored: a factory-fresh board, waiting to be provisioned.</summary>
        Empty = 3,
        /// <summary>Something is stored but no slot is valid: unarmable until re-provisioned.</summary>
        Corrupt = 4,
        /// <summary>The storage could not be read at all: unarmable.</summary>
        StorageError = 5,
    }
}
