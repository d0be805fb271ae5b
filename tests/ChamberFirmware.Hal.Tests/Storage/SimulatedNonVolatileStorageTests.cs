using ChamberFirmware.Hal.Simulated.Storage;
using ChamberFirmware.Hal.Storage;
using Xunit;

namespace ChamberFirmware.Hal.Tests.Storage;

public class SimulatedNonVolatileStorageTests
{
    private static readonly byte[] Old = { 1, 2, 3, 4, 5, 6, 7, 8 };
    private static readonly byte[] New = { 9, 9, 9, 9, 9, 9 };

    [Fact]
    public void A_written_slot_reads_back_the_same_bytes()
    {
        var storage = new SimulatedNonVolatileStorage();
        Assert.Equal(StorageStatus.Ok, storage.Write(1, Old, 0, Old.Length));

        var buffer = new byte[16];
        Assert.Equal(StorageStatus.Ok, storage.Read(1, buffer, 2, 14, out var length));

        Assert.Equal(Old.Length, length);
        Assert.Equal(Old, buffer[2..(2 + length)]);
    }

    [Fact]
    public void An_unwritten_slot_reads_as_empty()
    {
        var storage = new SimulatedNonVolatileStorage();
        Assert.Equal(StorageStatus.Empty, storage.Read(0, new byte[8], 0, 8, out var length));
        Assert.Equal(0, length);
    }

    [Fact]
    public void Bad_arguments_come_back_as_a_status_not_an_exception()
    {
        var storage = new SimulatedNonVolatileStorage();
        Assert.Equal(StorageStatus.InvalidArgument, storage.Write(2, Old, 0, 1));
        Assert.Equal(StorageStatus.InvalidArgument, storage.Write(-1, Old, 0, 1));
        Assert.Equal(StorageStatus.InvalidArgument, storage.Write(0, Old, 4, 5));
        Assert.Equal(StorageStatus.InvalidArgument, storage.Write(0, null!, 0, 0));
        Assert.Equal(StorageStatus.InvalidArgument, storage.Read(0, new byte[4], 3, 2, out _));
        Assert.Equal(StorageStatus.InvalidArgument, storage.Erase(5));
    }

    [Fact]
    public void Data_larger_than_a_slot_is_refused_whole()
    {
        var storage = new SimulatedNonVolatileStorage(2, 4);
        Assert.Equal(StorageStatus.TooLarge, storage.Write(0, Old, 0, Old.Length));
        Assert.Null(storage.Snapshot(0));
    }

    [Fact]
    public void A_buffer_too_small_copies_nothing_and_reports_the_size()
    {
        var storage = new SimulatedNonVolatileStorage();
        storage.Write(0, Old, 0, Old.Length);
        var buffer = new byte[4];

        Assert.Equal(StorageStatus.BufferTooSmall, storage.Read(0, buffer, 0, 4, out var length));
        Assert.Equal(Old.Length, length);
        Assert.Equal(new byte[4], buffer);
    }

    [Fact]
    public void Power_loss_mid_write_leaves_the_new_prefix_over_the_old_suffix_and_fails_until_power_returns()
    {
        var storage = new SimulatedNonVolatileStorage();
        storage.Write(0, Old, 0, Old.Length);
        storage.LosePowerDuringNextWrite(3);

        Assert.Equal(StorageStatus.WriteFailed, storage.Write(0, New, 0, New.Length));
        Assert.True(storage.PowerLost);
        Assert.Equal(new byte[] { 9, 9, 9, 4, 5, 6, 7, 8 }, storage.Snapshot(0));
        Assert.Equal(StorageStatus.ReadFailed, storage.Read(0, new byte[16], 0, 16, out _));
        Assert.Equal(StorageStatus.WriteFailed, storage.Write(1, New, 0, 1));

        storage.RestorePower();
        Assert.Equal(StorageStatus.Ok, storage.Read(0, new byte[16], 0, 16, out var length));
        Assert.Equal(8, length);
    }

    [Fact]
    public void A_refused_write_keeps_the_old_content()
    {
        var storage = new SimulatedNonVolatileStorage();
        storage.Write(0, Old, 0, Old.Length);
        storage.FailNextWrite();

        Assert.Equal(StorageStatus.WriteFailed, storage.Write(0, New, 0, New.Length));
        Assert.Equal(Old, storage.Snapshot(0));
        Assert.Equal(StorageStatus.Ok, storage.Write(0, New, 0, New.Length));
        Assert.Equal(New, storage.Snapshot(0));
    }

    [Fact]
    public void A_silently_corrupted_write_reports_ok_but_stores_a_flipped_bit()
    {
        var storage = new SimulatedNonVolatileStorage();
        storage.SilentlyCorruptNextWrite(2);

        Assert.Equal(StorageStatus.Ok, storage.Write(0, Old, 0, Old.Length));
        Assert.Equal(new byte[] { 1, 2, 2, 4, 5, 6, 7, 8 }, storage.Snapshot(0));
    }

    [Fact]
    public void Bit_flip_truncation_erase_and_clone_change_only_what_they_say()
    {
        var storage = new SimulatedNonVolatileStorage();
        storage.Write(0, Old, 0, Old.Length);
        var copy = storage.Clone();

        storage.FlipBit(0, 0, 7);
        Assert.Equal(0x81, storage.Snapshot(0)![0]);
        storage.Truncate(0, 2);
        Assert.Equal(2, storage.Snapshot(0)!.Length);
        Assert.Equal(StorageStatus.Ok, storage.Erase(0));
        Assert.Equal(StorageStatus.Empty, storage.Read(0, new byte[8], 0, 8, out _));

        Assert.Equal(Old, copy.Snapshot(0));
    }

    [Fact]
    public void Failing_reads_report_read_failed()
    {
        var storage = new SimulatedNonVolatileStorage();
        storage.Write(0, Old, 0, Old.Length);
        storage.FailReads(true);
        Assert.Equal(StorageStatus.ReadFailed, storage.Read(0, new byte[8], 0, 8, out _));
        storage.FailReads(false);
        Assert.Equal(StorageStatus.Ok, storage.Read(0, new byte[8], 0, 8, out _));
    }
}
