using System;
using System.IO;
using ChamberFirmware.Hal.Storage;

namespace ChamberFirmware.Hal.Esp32.Storage
{
    /// <summary>
    /// Slots as small files on the ESP32's internal flash drive ("I:\", the littlefs "config"
    /// partition of the nanoCLR partition table; mass-erasing the board erases it too). Adapter
    /// only: one slot call maps to one file operation, and every exception comes back as a status.
    /// Real signatures checked in nanoframework/System.IO.FileSystem:
    /// System.IO.FileSystem/FileStream.cs (FileStream(string, FileMode, FileAccess), Read, Write,
    /// Length, Flush, Dispose) and System.IO.FileSystem/File.cs (Exists, Delete); "I: and J:
    /// internal flash" per System.IO.FileSystem.UnitTests/FileSystemUnitTestsBase.cs.
    /// Partition layout: nanoframework/nf-interpreter targets/ESP32/_IDF/esp32/partitions_nanoclr_4mb.csv.
    /// </summary>
    public sealed class InternalFlashFileStorage : INonVolatileStorage
    {
        public const string DefaultDrive = @"I:\";

        private readonly string[] _paths;

        public InternalFlashFileStorage(int slotCount, int slotCapacity)
            : this(DefaultDrive, slotCount, slotCapacity)
        {
        }

        public InternalFlashFileStorage(string drive, int slotCount, int slotCapacity)
        {
            _paths = new string[slotCount];
            for (int i = 0; i < slotCount; i++)
            {
                _paths[i] = drive + "chamber-config-" + i.ToString() + ".bin";
            }

            SlotCapacity = slotCapacity;
        }

        public int SlotCount => _paths.Length;

        public int SlotCapacity { get; }

        public StorageStatus Read(int slot, byte[] buffer, int offset, int capacity, out int length)
        {
            length = 0;
            if (slot < 0 || slot >= _paths.Length || buffer == null || offset < 0 || capacity < 0 || offset > buffer.Length - capacity)
            {
                return StorageStatus.InvalidArgument;
            }

            try
            {
                if (!File.Exists(_paths[slot]))
                {
                    return StorageStatus.Empty;
                }

                using (FileStream stream = new FileStream(_paths[slot], FileMode.Open, FileAccess.Read))
                {
                    long size = stream.Length;
                    if (size == 0)
                    {
                        return StorageStatus.Empty;
                    }

                    if (size > capacity)
                    {
                        length = (int)size;
                        return StorageStatus.BufferTooSmall;
                    }

                    int total = 0;
                    while (total < size)
                    {
                        int read = stream.Read(buffer, offset + total, (int)size - total);
                        if (read <= 0)
                        {
                            return StorageStatus.ReadFailed;
                        }

                        total += read;
                    }

                    length = total;
                    return StorageStatus.Ok;
                }
            }
            catch (Exception)
            {
                return StorageStatus.ReadFailed;
            }
        }

        public StorageStatus Write(int slot, byte[] buffer, int offset, int count)
        {
            if (slot < 0 || slot >= _paths.Length || buffer == null || offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                return StorageStatus.InvalidArgument;
            }

            if (count > SlotCapacity)
            {
                return StorageStatus.TooLarge;
            }

            try
            {
                using (FileStream stream = new FileStream(_paths[slot], FileMode.Create, FileAccess.Write))
                {
                    stream.Write(buffer, offset, count);
                    stream.Flush();
                }

                return StorageStatus.Ok;
            }
            catch (Exception)
            {
                return StorageStatus.WriteFailed;
            }
        }

        public StorageStatus Erase(int slot)
        {
            if (slot < 0 || slot >= _paths.Length)
            {
                return StorageStatus.InvalidArgument;
            }

            try
            {
                File.Delete(_paths[slot]);
                return StorageStatus.Ok;
            }
            catch (Exception)
            {
                return StorageStatus.WriteFailed;
            }
        }
    }
}
