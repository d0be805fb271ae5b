using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Hal.Simulated.Storage;
using Xunit;

namespace ChamberFirmware.Core.Tests.Config;

public class ProvisioningServiceTests
{
    private readonly SimulatedNonVolatileStorage _storage = new(2, ConfigRecordCodec.MaxEncodedLength);
    private readonly ConfigStore _store;
    private readonly ProvisioningService _service;

    public ProvisioningServiceTests()
    {
        _store = new ConfigStore(_storage);
        _store.Load();
        _service = new ProvisioningService(_store);
    }

    private void ProvisionFactoryBoard(byte keySeed = 11)
    {
        Assert.Equal(CommandResult.Ok, _service.Begin());
        Assert.Equal(CommandResult.Ok, _service.StageIdentity("CH-000123", "B2"));
        Assert.Equal(CommandResult.Ok, _service.StageLinkKey(ConfigFixtures.Key(keySeed), 0, 32));
        Assert.Equal(CommandResult.Ok, _service.StageSettings(ConfigFixtures.Settings(), out _));
        Assert.Equal(CommandResult.Ok, _service.Commit());
    }

    private ConfigStore Reboot()
    {
        var store = new ConfigStore(_storage);
        store.Load();
        return store;
    }

    [Fact]
    public void A_factory_board_is_provisioned_in_one_commit_and_keeps_it_across_reboot()
    {
        Assert.True(_service.IsFactoryState);

        ProvisionFactoryBoard();

        Assert.False(_service.IsFactoryState);
        var rebooted = Reboot();
        Assert.True(rebooted.IsProvisioned);
        Assert.Equal("CH-000123", rebooted.SerialNumber);
        Assert.Equal(ConfigFixtures.Key(11), ConfigFixtures.KeyOf(rebooted));
        Assert.Equivalent(ConfigFixtures.Settings(), ConfigFixtures.SettingsOf(rebooted));
    }

    [Fact]
    public void A_factory_board_without_a_key_or_identity_cannot_commit_and_stays_unprovisioned()
    {
        _service.Begin();
        _service.StageIdentity("CH-1", "A");
        Assert.Equal(CommandResult.InvalidState, _service.Commit());

        _service.Begin();
        _service.StageLinkKey(ConfigFixtures.Key(1), 0, 32);
        Assert.Equal(CommandResult.InvalidState, _service.Commit());

        Assert.Equal(0, _storage.WriteCount);
        Assert.True(_service.IsFactoryState);
        Assert.False(Reboot().IsProvisioned);
    }

    [Fact]
    public void Staged_but_not_committed_leaves_the_old_config_after_an_interruption()
    {
        ProvisionFactoryBoard();
        _service.Begin();
        Assert.Equal(CommandResult.Ok, _service.StageSettings(ConfigFixtures.Settings(linkTimeout: 1500), out _));
        Assert.Equal(CommandResult.Ok, _service.StageLinkKey(ConfigFixtures.Key(77), 0, 32));

        // Power cut / link lost: no Commit. The device reboots.
        var rebooted = Reboot();

        Assert.Equal(300, ConfigFixtures.SettingsOf(rebooted).LinkTimeoutMilliseconds);
        Assert.Equal(ConfigFixtures.Key(11), ConfigFixtures.KeyOf(rebooted));
        Assert.Equal(300, ConfigFixtures.SettingsOf(_store).LinkTimeoutMilliseconds);
    }

    [Fact]
    public void Abort_discards_everything_staged_and_later_calls_need_a_new_begin()
    {
        ProvisionFactoryBoard();
        var writes = _storage.WriteCount;
        _service.Begin();
        _service.StageSettings(ConfigFixtures.Settings(linkTimeout: 1500), out _);
        _service.Abort();

        Assert.False(_service.IsSessionOpen);
        Assert.Equal(CommandResult.InvalidState, _service.Commit());
        Assert.Equal(CommandResult.InvalidState, _service.StageSettings(ConfigFixtures.Settings(), out _));
        Assert.Equal(CommandResult.InvalidState, _service.StageLinkKey(ConfigFixtures.Key(1), 0, 32));
        Assert.Equal(CommandResult.InvalidState, _service.StageIdentity("X", "Y"));
        Assert.Equal(writes, _storage.WriteCount);
        Assert.Equal(300, ConfigFixtures.SettingsOf(Reboot()).LinkTimeoutMilliseconds);
    }

    [Fact]
    public void A_settings_change_on_a_provisioned_board_keeps_identity_and_key()
    {
        ProvisionFactoryBoard();
        _service.Begin();
        Assert.Equal(CommandResult.Ok, _service.StageSettings(ConfigFixtures.Settings(linkTimeout: 1500), out _));
        Assert.Equal(CommandResult.Ok, _service.Commit());

        var rebooted = Reboot();
        Assert.Equal(1500, ConfigFixtures.SettingsOf(rebooted).LinkTimeoutMilliseconds);
        Assert.Equal("CH-000123", rebooted.SerialNumber);
        Assert.Equal(ConfigFixtures.Key(11), ConfigFixtures.KeyOf(rebooted));
        Assert.Equal(2u, rebooted.Generation);
    }

    [Fact]
    public void A_key_rotation_over_the_authenticated_path_replaces_the_key()
    {
        ProvisionFactoryBoard();
        _service.Begin();
        Assert.Equal(CommandResult.Ok, _service.StageLinkKey(ConfigFixtures.Key(200), 0, 32));
        Assert.Equal(CommandResult.Ok, _service.Commit());

        Assert.Equal(ConfigFixtures.Key(200), ConfigFixtures.KeyOf(Reboot()));
    }

    [Fact]
    public void The_identity_of_a_provisioned_board_cannot_be_changed()
    {
        ProvisionFactoryBoard();
        _service.Begin();

        Assert.Equal(CommandResult.ProvisioningRefused, _service.StageIdentity("CH-999999", "B2"));
        Assert.Equal(CommandResult.ProvisioningRefused, _service.StageIdentity("CH-000123", "C1"));
        Assert.Equal(CommandResult.Ok, _service.StageIdentity("CH-000123", "B2"));
    }

    [Theory]
    [InlineData(49, SettingsField.LinkTimeout)]
    [InlineData(2001, SettingsField.LinkTimeout)]
    public void Link_timeout_outside_the_hard_limits_is_rejected_by_name(int timeout, SettingsField expected)
    {
        _service.Begin();
        var settings = ConfigFixtures.Settings(linkTimeout: timeout);
        Assert.Equal(CommandResult.SettingsRejected, _service.StageSettings(settings, out var field));
        Assert.Equal(expected, field);
    }

    [Fact]
    public void Every_settings_field_out_of_bounds_is_named()
    {
        _service.Begin();
        void Expect(SettingsField field, System.Action<ChamberSettings> spoil)
        {
            var settings = ConfigFixtures.Settings();
            spoil(settings);
            Assert.Equal(CommandResult.SettingsRejected, _service.StageSettings(settings, out var rejected));
            Assert.Equal(field, rejected);
        }

        Expect(SettingsField.OverTemperature, s => s.OverTemperatureCentiCelsius = ChamberFirmware.Core.Safety.HardLimits.OverTemperatureMaxCentiCelsius + 1);
        Expect(SettingsField.OverTemperature, s => s.OverTemperatureCentiCelsius = SafetySettingsValidator.OverTemperatureMinCentiCelsius - 1);
        Expect(SettingsField.RearmCountPermille, s => s.RearmCountPermille = 0);
        Expect(SettingsField.RearmCountPermille, s => s.RearmCountPermille = SafetySettingsValidator.RearmCountPermilleMax + 1);
        Expect(SettingsField.RearmHeartbeats, s => s.RearmHeartbeats = 0);
        Expect(SettingsField.CounterGain, s => s.CounterGainPermille = SafetySettingsValidator.CounterGainPermilleMin - 1);
        Expect(SettingsField.CounterGain, s => s.CounterGainPermille = SafetySettingsValidator.CounterGainPermilleMax + 1);
        Expect(SettingsField.TemperatureOffset, s => s.TemperatureOffsetCentiCelsius = SafetySettingsValidator.TemperatureOffsetMaxMagnitudeCentiCelsius + 1);

        var edge = new ChamberSettings
        {
            LinkTimeoutMilliseconds = ChamberFirmware.Core.Safety.HardLimits.LinkTimeoutMaxMilliseconds,
            OverTemperatureCentiCelsius = ChamberFirmware.Core.Safety.HardLimits.OverTemperatureMaxCentiCelsius,
            RearmCountPermille = SafetySettingsValidator.RearmCountPermilleMax,
            RearmHeartbeats = SafetySettingsValidator.RearmHeartbeatsMax,
            CounterGainPermille = SafetySettingsValidator.CounterGainPermilleMin,
            TemperatureOffsetCentiCelsius = -SafetySettingsValidator.TemperatureOffsetMaxMagnitudeCentiCelsius,
        };
        Assert.Equal(CommandResult.Ok, _service.StageSettings(edge, out var none));
        Assert.Equal(SettingsField.None, none);
        Assert.Equal(CommandResult.Ok, _service.StageSettings(new ChamberSettings(), out _));
    }

    [Fact]
    public void Malformed_keys_and_identities_are_refused()
    {
        _service.Begin();
        Assert.Equal(CommandResult.Malformed, _service.StageLinkKey(new byte[31], 0, 31));
        Assert.Equal(CommandResult.Malformed, _service.StageLinkKey(new byte[32], 0, 32));
        Assert.Equal(CommandResult.Malformed, _service.StageLinkKey(ConfigFixtures.Key(1), 1, 32));
        Assert.Equal(CommandResult.Malformed, _service.StageLinkKey(null!, 0, 32));
        Assert.Equal(CommandResult.Malformed, _service.StageIdentity("", "B2"));
        Assert.Equal(CommandResult.Malformed, _service.StageIdentity("CH 1", "B2"));
        Assert.Equal(CommandResult.Malformed, _service.StageIdentity("CH-1", null!));
        Assert.Equal(CommandResult.Malformed, _service.StageSettings(null!, out _));
    }

    [Fact]
    public void The_caller_changing_its_settings_object_after_staging_changes_nothing()
    {
        ProvisionFactoryBoard();
        _service.Begin();
        var settings = ConfigFixtures.Settings(linkTimeout: 600);
        _service.StageSettings(settings, out _);
        settings.LinkTimeoutMilliseconds = 10;

        Assert.Equal(CommandResult.Ok, _service.Commit());
        Assert.Equal(600, ConfigFixtures.SettingsOf(Reboot()).LinkTimeoutMilliseconds);
    }

    [Fact]
    public void A_storage_failure_at_commit_reports_storage_failed_and_keeps_the_old_config()
    {
        ProvisionFactoryBoard();
        _service.Begin();
        _service.StageSettings(ConfigFixtures.Settings(linkTimeout: 1500), out _);
        _storage.FailNextWrite();

        Assert.Equal(CommandResult.StorageFailed, _service.Commit());
        Assert.Equal(ConfigCommitStatus.WriteFailed, _service.LastCommitStatus);
        Assert.Equal(300, ConfigFixtures.SettingsOf(_store).LinkTimeoutMilliseconds);
        Assert.Equal(300, ConfigFixtures.SettingsOf(Reboot()).LinkTimeoutMilliseconds);
    }

    [Fact]
    public void A_corrupt_store_is_factory_state_and_can_be_reprovisioned()
    {
        ProvisionFactoryBoard();
        _storage.FlipBit(ConfigStore.SlotA, 50, 1);
        var store = Reboot();
        var service = new ProvisioningService(store);
        Assert.True(service.IsFactoryState);
        Assert.False(store.IsProvisioned);

        service.Begin();
        service.StageIdentity("CH-000123", "B2");
        service.StageLinkKey(ConfigFixtures.Key(42), 0, 32);
        Assert.Equal(CommandResult.Ok, service.Commit());
        Assert.True(Reboot().IsProvisioned);
    }
}
