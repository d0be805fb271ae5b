using System;
using ChamberFirmware.Hal.Storage;

namespace ChamberFirmware.Device.NanoClr.Config
{
    /// <summary>
    /// Two slots in RAM whose next write can be cut after a given number of bytes, as a power cut
    /// mid-write leaves flash: the first bytes new, the rest as they were.
    /// </summary>
    public sealed class PowerCutStorage : INonVolatileStorage
    {
        private readonly byte[][] _slots = new byte[2][];
        private int _cutAfterBytes = -1;

        public int SlotCount => _slots.Length;

        public int SlotCapacity => 512;

        /// <summary>The next write stops after <paramref name="bytes"/> bytes and reports failure.</summary>
        public void CutNextWriteAfter(int bytes) => _cutAfterBytes = bytes;

        public StorageStatus Read(int slot, byte[] buffer, int offset, int capacity, out int length)
        {
            length = 0;
            if (slot < 0 || slot >= _slots.Length || buffer == null)
            {
                return StorageStatus.InvalidArgument;
            }

            byte[] data = _slots[slot];
            if (data == null)
            {
                return StorageStatus.Empty;
            }

            length = data.Length;
            if (data.Length > capacity)
            {
                return StorageStatus.BufferTooSmall;
            }

            Array.Copy(data, 0, buffer, offset, data.Length);
            return StorageStatus.Ok;
        }

        public StorageStatus Write(int slot, byte[] buffer, int offset, int count)
        {
            if (slot < 0 || slot >= _slots.Length || buffer == null || count < 0 || count > SlotCapacity)
            {
                return StorageStatus.InvalidArgument;
            }

            int cut = _cutAfterBytes;
            _cutAfterBytes = -1;
            byte[] old = _slots[slot] ?? new byte[0];
            int written = cut >= 0 && cut < count ? cut : count;

            // A complete write replaces the slot; a cut one leaves the old bytes past the cut.
            int length = written == count ? count : (old.Length > written ? old.Length : written);
            byte[] data = new byte[length];
            if (written < count)
            {
                Array.Copy(old, 0, data, 0, old.Length < length ? old.Length : length);
            }

            Array.Copy(buffer, offset, data, 0, written);
            _slots[slot] = data;
            return written == count ? StorageStatus.Ok : StorageStatus.WriteFailed;
        }

        public StorageStatus Erase(int slot)
        {
            if (slot < 0 || slot >= _slots.Length)
            {
                return StorageStatus.InvalidArgument;
            }

            _slots[slot] = null;
            return StorageStatus.Ok;
        }
    }
}
