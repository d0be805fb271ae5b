namespace ChamberFirmware.Hal.Storage
{
    /// <summary>
    /// A few numbered slots of bytes that survive a reset (the device configuration lives here).
    /// Each Write replaces a slot's whole content; a power loss during Write may leave the slot
    /// torn (partial bytes), which is why the caller keeps two slots and a checksum. Buffers are
    /// plain arrays with offset and count; the caller owns them. Never throws: every outcome is a
    /// status.
    /// </summary>
    public interface INonVolatileStorage
    {
        /// <summary>Number of slots, numbered from 0.</summary>
        int SlotCount { get; }

        /// <summary>Largest number of bytes one slot holds.</summary>
        int SlotCapacity { get; }

        /// <summary>
        /// Copies the slot's content into buffer[offset..offset+capacity). On Ok, length is the
        /// number of bytes copied; on Empty it is 0; on BufferTooSmall nothing is copied and length
        /// is the slot's size.
        /// </summary>
        StorageStatus Read(int slot, byte[] buffer, int offset, int capacity, out int length);

        /// <summary>Replaces the slot's content with buffer[offset..offset+count).</summary>
        StorageStatus Write(int slot, byte[] buffer, int offset, int count);

        /// <summary>Empties the slot.</summary>
        StorageStatus Erase(int slot);
    }
}
