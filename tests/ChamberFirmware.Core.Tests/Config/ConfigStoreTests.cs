using ChamberFirmware.Core.Config;
using ChamberFirmware.Hal.Simulated.Storage;
using Xunit;

namespace ChamberFirmware.Core.Tests.Config;

public class ConfigStoreTests
{
    private static SimulatedNonVolatileStorage NewStorage() => new(2, ConfigRecordCodec.MaxEncodedLength);

    /// <summary>Boots a fresh store over the storage, as the device does after a reset.</summary>
    private static ConfigStore Boot(SimulatedNonVolatileStorage storage)
    {
        var store = new ConfigStore(storage);
        store.Load();
        return store;
    }

    [Fact]
    public void A_factory_fresh_board_loads_as_empty_and_is_not_armable()
    {
        var store = Boot(NewStorage());

        Assert.Equal(ConfigLoadStatus.Empty, store.LastLoadStatus);
        Assert.False(store.HasValidConfiguration);
        Assert.False(store.IsProvisioned);
        Assert.Null(ConfigFixtures.KeyOf(store));
        Assert.Equivalent(new ChamberSettings(), ConfigFixtures.SettingsOf(store));
    }

    [Fact]
    public void A_commit_survives_a_reboot_with_identity_key_and_settings()
    {
        var storage = NewStorage();
        var store = Boot(storage);

        Assert.Equal(ConfigCommitStatus.Ok, store.Commit(ConfigFixtures.Record()));
        Assert.True(store.IsProvisioned);

        var rebooted = Boot(storage);
        Assert.Equal(ConfigLoadStatus.LoadedOneSlotInvalid, rebooted.LastLoadStatus);
        Assert.Equal(ConfigDecodeStatus.Empty, rebooted.SlotStatus(ConfigStore.SlotB));
        Assert.True(rebooted.IsProvisioned);
        Assert.Equal("CH-000123", rebooted.SerialNumber);
        Assert.Equal("B2", rebooted.HardwareRevision);
        Assert.Equal(ConfigFixtures.Key(11), ConfigFixtures.KeyOf(rebooted));
        Assert.Equivalent(ConfigFixtures.Settings(), ConfigFixtures.SettingsOf(rebooted));
        Assert.Equal(1u, rebooted.Generation);
    }

    [Fact]
    public void Commits_alternate_slots_and_the_newest_generation_wins_at_boot()
    {
        var storage = NewStorage();
        var store = Boot(storage);
        store.Commit(ConfigFixtures.Record(linkTimeout: 100));
        Assert.Equal(ConfigStore.SlotA, store.ActiveSlot);
        store.Commit(ConfigFixtures.Record(linkTimeout: 200));
        Assert.Equal(ConfigStore.SlotB, store.ActiveSlot);
        store.Commit(ConfigFixtures.Record(linkTimeout: 300));
        Assert.Equal(ConfigStore.SlotA, store.ActiveSlot);

        var rebooted = Boot(storage);
        Assert.Equal(ConfigLoadStatus.Loaded, rebooted.LastLoadStatus);
        Assert.Equal(ConfigStore.SlotA, rebooted.ActiveSlot);
        Assert.Equal(3u, rebooted.Generation);
        Assert.Equal(300, ConfigFixtures.SettingsOf(rebooted).LinkTimeoutMilliseconds);
    }

    [Fact]
    public void A_torn_write_at_every_byte_leaves_the_old_config_complete_or_the_new_one_complete()
    {
        // Slot A holds generation 1 (timeout 100), slot B generation 2 (timeout 200, in force).
        // The next commit (timeout 300) overwrites slot A in place.
        var start = NewStorage();
        var setup = Boot(start);
        setup.Commit(ConfigFixtures.Record(linkTimeout: 100, keySeed: 1));
        setup.Commit(ConfigFixtures.Record(linkTimeout: 200, keySeed: 2));
        var newLength = ConfigFixtures.Encode(ConfigFixtures.Record(linkTimeout: 300, keySeed: 3)).Length;

        for (var cut = 0; cut <= newLength; cut++)
        {
            var storage = start.Clone();
            var store = Boot(storage);
            storage.LosePowerDuringNextWrite(cut);

            var result = store.Commit(ConfigFixtures.Record(linkTimeout: 300, keySeed: 3));
            Assert.NotEqual(ConfigCommitStatus.Ok, result);
            Assert.Equal(200, ConfigFixtures.SettingsOf(store).LinkTimeoutMilliseconds);

            storage.RestorePower();
            var rebooted = Boot(storage);
            Assert.True(rebooted.IsProvisioned, "cut at byte " + cut);
            var timeout = ConfigFixtures.SettingsOf(rebooted).LinkTimeoutMilliseconds;
            var key = ConfigFixtures.KeyOf(rebooted);
            if (cut < newLength)
            {
                Assert.Equal(200, timeout);
                Assert.Equal(ConfigFixtures.Key(2), key);
                Assert.Equal(2u, rebooted.Generation);
                // While the new prefix still equals the old bytes (header, identity) slot A is
                // still the old generation-1 record, valid but older; after that it is torn.
                Assert.Contains(rebooted.LastLoadStatus, new[] { ConfigLoadStatus.Loaded, ConfigLoadStatus.LoadedOneSlotInvalid });
            }
            else
            {
                // Every byte reached the flash before power went: the new record is whole and newer.
                Assert.Equal(300, timeout);
                Assert.Equal(ConfigFixtures.Key(3), key);
                Assert.Equal(3u, rebooted.Generation);
            }
        }
    }

    [Fact]
    public void A_torn_first_commit_leaves_the_board_unprovisioned_and_unarmable_then_reprovisionable()
    {
        var full = ConfigFixtures.Encode(ConfigFixtures.Record()).Length;
        for (var cut = 1; cut < full; cut++)
        {
            var storage = NewStorage();
            var store = Boot(storage);
            storage.LosePowerDuringNextWrite(cut);
            store.Commit(ConfigFixtures.Record());
            storage.RestorePower();

            var rebooted = Boot(storage);
            Assert.Equal(ConfigLoadStatus.Corrupt, rebooted.LastLoadStatus);
            Assert.False(rebooted.HasValidConfiguration);
            Assert.False(rebooted.IsProvisioned);
            Assert.Null(ConfigFixtures.KeyOf(rebooted));

            Assert.Equal(ConfigCommitStatus.Ok, rebooted.Commit(ConfigFixtures.Record()));
            Assert.True(Boot(storage).IsProvisioned);
        }
    }

    [Fact]
    public void A_bit_flip_at_rest_in_the_newest_slot_falls_back_to_the_older_complete_config()
    {
        var storage = NewStorage();
        var store = Boot(storage);
        store.Commit(ConfigFixtures.Record(linkTimeout: 100));
        store.Commit(ConfigFixtures.Record(linkTimeout: 200));
        storage.FlipBit(ConfigStore.SlotB, 40, 3);

        var rebooted = Boot(storage);

        Assert.Equal(ConfigLoadStatus.LoadedOneSlotInvalid, rebooted.LastLoadStatus);
        Assert.Equal(ConfigDecodeStatus.CrcMismatch, rebooted.SlotStatus(ConfigStore.SlotB));
        Assert.Equal(100, ConfigFixtures.SettingsOf(rebooted).LinkTimeoutMilliseconds);
    }

    [Fact]
    public void Both_slots_corrupt_means_corrupt_unarmable_and_factory_state()
    {
        var storage = NewStorage();
        var store = Boot(storage);
        store.Commit(ConfigFixtures.Record(linkTimeout: 100));
        store.Commit(ConfigFixtures.Record(linkTimeout: 200));
        storage.FlipBit(ConfigStore.SlotA, 10, 0);
        storage.Truncate(ConfigStore.SlotB, 30);

        var rebooted = Boot(storage);

        Assert.Equal(ConfigLoadStatus.Corrupt, rebooted.LastLoadStatus);
        Assert.Equal(ConfigDecodeStatus.CrcMismatch, rebooted.SlotStatus(ConfigStore.SlotA));
        Assert.Equal(ConfigDecodeStatus.Truncated, rebooted.SlotStatus(ConfigStore.SlotB));
        Assert.False(rebooted.IsProvisioned);
        Assert.False(rebooted.HasValidConfiguration);
        Assert.True(new ProvisioningService(rebooted).IsFactoryState);
    }

    [Fact]
    public void Unreadable_storage_is_a_storage_error_and_unarmable()
    {
        var storage = NewStorage();
        Boot(storage).Commit(ConfigFixtures.Record());
        storage.FailReads(true);

        var rebooted = Boot(storage);

        Assert.Equal(ConfigLoadStatus.StorageError, rebooted.LastLoadStatus);
        Assert.Equal(ConfigDecodeStatus.ReadFailed, rebooted.SlotStatus(ConfigStore.SlotA));
        Assert.False(rebooted.IsProvisioned);
    }

    [Fact]
    public void A_refused_write_keeps_the_previous_config_in_force_and_in_storage()
    {
        var storage = NewStorage();
        var store = Boot(storage);
        store.Commit(ConfigFixtures.Record(linkTimeout: 100));
        storage.FailNextWrite();

        Assert.Equal(ConfigCommitStatus.WriteFailed, store.Commit(ConfigFixtures.Record(linkTimeout: 200)));
        Assert.Equal(100, ConfigFixtures.SettingsOf(store).LinkTimeoutMilliseconds);
        Assert.Equal(100, ConfigFixtures.SettingsOf(Boot(storage)).LinkTimeoutMilliseconds);
    }

    [Fact]
    public void A_write_that_reads_back_different_is_discarded_so_it_cannot_win_later()
    {
        var storage = NewStorage();
        var store = Boot(storage);
        store.Commit(ConfigFixtures.Record(linkTimeout: 100));
        storage.SilentlyCorruptNextWrite(20);

        Assert.Equal(ConfigCommitStatus.VerifyFailed, store.Commit(ConfigFixtures.Record(linkTimeout: 200)));
        Assert.Equal(100, ConfigFixtures.SettingsOf(store).LinkTimeoutMilliseconds);
        Assert.Null(storage.Snapshot(ConfigStore.SlotB));
        Assert.Equal(100, ConfigFixtures.SettingsOf(Boot(storage)).LinkTimeoutMilliseconds);
    }

    [Fact]
    public void An_invalid_record_writes_nothing()
    {
        var storage = NewStorage();
        var store = Boot(storage);

        Assert.Equal(ConfigCommitStatus.InvalidRecord, store.Commit(ConfigFixtures.Record(serial: "bad serial")));
        Assert.Equal(ConfigCommitStatus.InvalidRecord, store.Commit(ConfigFixtures.Record(linkTimeout: 5000)));
        Assert.Equal(ConfigCommitStatus.InvalidRecord, store.Commit(null!));
        Assert.Equal(0, storage.WriteCount);
    }

    [Fact]
    public void Storage_without_two_large_enough_slots_is_refused()
    {
        var tooSmall = new ConfigStore(new SimulatedNonVolatileStorage(2, 16));
        Assert.Equal(ConfigCommitStatus.StorageUnusable, tooSmall.Commit(ConfigFixtures.Record()));

        var oneSlot = new ConfigStore(new SimulatedNonVolatileStorage(1, 256));
        Assert.Equal(ConfigLoadStatus.StorageError, oneSlot.Load());
        Assert.Equal(ConfigCommitStatus.StorageUnusable, oneSlot.Commit(ConfigFixtures.Record()));
    }

    [Fact]
    public void The_key_leaves_only_by_an_explicit_copy_into_a_buffer_that_fits()
    {
        var store = Boot(NewStorage());
        store.Commit(ConfigFixtures.Record());

        Assert.False(store.CopyLinkKey(new byte[31], 0));
        Assert.False(store.CopyLinkKey(new byte[40], 9));
        var key = new byte[40];
        Assert.True(store.CopyLinkKey(key, 8));
        Assert.Equal(ConfigFixtures.Key(11), key[8..]);

        var publicGetters = typeof(ConfigStore).GetProperties();
        Assert.DoesNotContain(publicGetters, p => p.PropertyType == typeof(byte[]));
    }
}
