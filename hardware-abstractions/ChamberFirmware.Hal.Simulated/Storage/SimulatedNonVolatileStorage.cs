using System;
using ChamberFirmware.Hal.Storage;

namespace ChamberFirmware.Hal.Simulated.Storage
{

/// <summary>
/// In-memory slots with the faults real flash shows: a power loss part-way through a write
/// (the slot keeps the first bytes of the new data and the rest of the old, as an in-place
/// overwrite would), a write the medium refuses, a write that reports success but stores a
/// flipped bit, and a bit flipped later at rest. A "reboot" in tests is a new reader over the
/// same instance.
/// </summary>
public sealed class SimulatedNonVolatileStorage : INonVolatileStorage
{
    private readonly byte[]?[] _slots;
    private int _tornWriteAfterBytes = -1;
    private bool _failNextWrite;
    private int _silentFlipByteOnNextWrite = -1;
    private bool _failReads;

    public SimulatedNonVolatileStorage(int slotCount = 2, int slotCapacity = 256)
    {
        if (slotCount <= 0 || slotCapacity <= 0)
        {
            throw new ArgumentOutOfRangeException(slotCount <= 0 ? nameof(slotCount) : nameof(slotCapacity), "must be positive");
        }

        _slots = new byte[slotCount][];
        SlotCapacity = slotCapacity;
    }

    public int SlotCount => _slots.Length;

    public int SlotCapacity { get; }

    /// <summary>Writes attempted (including failed and torn ones).</summary>
    public int WriteCount { get; private set; }

    /// <summary>True after a simulated power loss, until <see cref="RestorePower"/>: every call fails.</summary>
    public bool PowerLost { get; private set; }

    /// <summary>The next write stores only its first <paramref name="bytesWritten"/> bytes, then power is lost.</summary>
    public void LosePowerDuringNextWrite(int bytesWritten)
    {
        if (bytesWritten < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bytesWritten), "must not be negative");
        }

        _tornWriteAfterBytes = bytesWritten;
    }

    /// <summary>Power comes back (the device reboots): the slots keep whatever was stored.</summary>
    public void RestorePower() => PowerLost = false;

    /// <summary>The next write is refused by the medium; the slot keeps its old content.</summary>
    public void FailNextWrite() => _failNextWrite = true;

    /// <summary>The next write reports Ok but stores the byte at <paramref name="byteIndex"/> with bit 0 flipped.</summary>
    public void SilentlyCorruptNextWrite(int byteIndex)
    {
        if (byteIndex < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(byteIndex), "must not be negative");
        }

        _silentFlipByteOnNextWrite = byteIndex;
    }

    /// <summary>Every read fails (a dead flash chip or bus) until set back to false.</summary>
    public void FailReads(bool fail) => _failReads = fail;

    /// <summary>Flips one stored bit at rest (radiation, wear, a bad cell).</summary>
    public void FlipBit(int slot, int byteIndex, int bit)
    {
        var data = _slots[slot] ?? throw new InvalidOperationException("slot " + slot + " is empty");
        data[byteIndex] ^= (byte)(1 << bit);
    }

    /// <summary>Cuts the stored content of a slot to its first <paramref name="length"/> bytes.</summary>
    public void Truncate(int slot, int length)
    {
        var data = _slots[slot] ?? throw new InvalidOperationException("slot " + slot + " is empty");
        var cut = new byte[LongMath.Min(length, data.Length)];
        Array.Copy(data, cut, cut.Length);
        _slots[slot] = cut;
    }

    /// <summary>Puts raw bytes in a slot (test setup), bypassing faults.</summary>
    public void Store(int slot, byte[] content) => _slots[slot] = (byte[])content.Clone();

    /// <summary>A copy of a slot's raw bytes (null when empty).</summary>
    public byte[]? Snapshot(int slot) => (byte[]?)_slots[slot]?.Clone();

    /// <summary>An independent copy of every slot (to replay one starting state many times).</summary>
    public SimulatedNonVolatileStorage Clone()
    {
        var copy = new SimulatedNonVolatileStorage(_slots.Length, SlotCapacity);
        for (var i = 0; i < _slots.Length; i++)
        {
            copy._slots[i] = (byte[]?)_slots[i]?.Clone();
        }

        return copy;
    }

    public StorageStatus Read(int slot, byte[] buffer, int offset, int capacity, out int length)
    {
        length = 0;
        if (!ValidSlot(slot) || !ValidRange(buffer, offset, capacity))
        {
            return StorageStatus.InvalidArgument;
        }

        if (PowerLost || _failReads)
        {
            return StorageStatus.ReadFailed;
        }

        var data = _slots[slot];
        if (data is null || data.Length == 0)
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
        if (!ValidSlot(slot) || !ValidRange(buffer, offset, count))
        {
            return StorageStatus.InvalidArgument;
        }

        if (count > SlotCapacity)
        {
            return StorageStatus.TooLarge;
        }

        WriteCount++;
        if (PowerLost)
        {
            return StorageStatus.WriteFailed;
        }

        if (_failNextWrite)
        {
            _failNextWrite = false;
            return StorageStatus.WriteFailed;
        }

        if (_tornWriteAfterBytes >= 0)
        {
            // In-place overwrite cut short: new prefix, old suffix (the worst mix for a reader).
            var written = LongMath.Min(_tornWriteAfterBytes, count);
            _tornWriteAfterBytes = -1;
            var old = _slots[slot] ?? new byte[0];
            var torn = new byte[LongMath.Max(written, old.Length)];
            Array.Copy(old, torn, old.Length);
            Array.Copy(buffer, offset, torn, 0, written);
            _slots[slot] = torn;
            PowerLost = true;
            return StorageStatus.WriteFailed;
        }

        var data = new byte[count];
        Array.Copy(buffer, offset, data, 0, count);
        if (_silentFlipByteOnNextWrite >= 0 && _silentFlipByteOnNextWrite < count)
        {
            data[_silentFlipByteOnNextWrite] ^= 1;
        }

        _silentFlipByteOnNextWrite = -1;
        _slots[slot] = data;
        return StorageStatus.Ok;
    }

    public StorageStatus Erase(int slot)
    {
        if (!ValidSlot(slot))
        {
            return StorageStatus.InvalidArgument;
        }

        if (PowerLost)
        {
            return StorageStatus.WriteFailed;
        }

        _slots[slot] = null;
        return StorageStatus.Ok;
    }

    private bool ValidSlot(int slot) => slot >= 0 && slot < _slots.Length;

    private static bool ValidRange(byte[] buffer, int offset, int count) =>
        buffer is not null && offset >= 0 && count >= 0 && offset <= buffer.Length - count;
}
}
