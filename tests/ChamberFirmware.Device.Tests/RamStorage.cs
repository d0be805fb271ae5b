using System;
using ChamberFirmware.Hal.Storage;

namespace ChamberFirmware.Device.Tests
{
    /// <summary>Two slots in RAM, so tests never touch the board's stored configuration.</summary>
    public sealed class RamStorage : INonVolatileStorage
    {
        private readonly byte[][] _slots = new byte[2][];

        public int SlotCount => _slots.Length;

        public int SlotCapacity => 256;

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

            if (data.Length > capacity)
            {
                length = data.Length;
                return StorageStatus.BufferTooSmall;
            }

            Array.Copy(data, 0, buffer, offset, data.Length);
            length = data.Length;
            return StorageStatus.Ok;
        }

        public StorageStatus Write(int slot, byte[] buffer, int offset, int count)
        {
            if (slot < 0 || slot >= _slots.Length || buffer == null || count < 0)
            {
                return StorageStatus.InvalidArgument;
            }

            if (count > SlotCapacity)
            {
                return StorageStatus.TooLarge;
            }

            byte[] data = new byte[count];
            Array.Copy(buffer, offset, data, 0, count);
            _slots[slot] = data;
            return StorageStatus.Ok;
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
