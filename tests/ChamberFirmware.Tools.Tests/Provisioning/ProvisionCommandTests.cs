using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using ChamberCtl.Provisioning;
using ChamberFirmware.ConsoleLink.Client;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Treatment;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Provisioning;

/// <summary>
/// chamberctl provision end to end: the command over TCP 127.0.0.1 and over Bluetooth LE (BlueZ's
/// D-Bus API, against the stand-in BlueZ) to a ChamberRuntime on a SimulatedChamber (ManualClock;
/// no sleeping — every wait is a bounded await on the link).
/// </summary>
public sealed class ProvisionCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly RememberingKeyGenerator _keys = new();

    /// <summary>Every provisioning body runs over TCP and over BLE (stand-in BlueZ on a private D-Bus bus).</summary>
    public static TheoryData<LinkKind> Links => new() { LinkKind.Tcp, LinkKind.Ble };

    public void Dispose() => _temp.Dispose();

    [SkippableTheory]
    [MemberData(nameof(Links))]
    public async Task A_factory_board_is_provisioned_end_to_end_and_read_back_with_the_new_key(LinkKind link)
    {
        await using var device = await ProvisioningDevice.StartAsync(link, jumperFitted: true);
        Assert.False(device.Runtime.IsProvisioned);
        string keyOut = _temp.Combine("CH-0001.key");
        string recordOut = _temp.Combine("CH-0001.json");

        var run = await ProvisionCli.RunAsync(_keys, device.Connector,
            "--factory", "--target", device.Target, "--serial", "CH-0001", "--hardware-revision", "B2",
            "--link-timeout-ms", "400", "--counter-gain-permille", "1020", "--key-out", keyOut, "--record", recordOut);

        Assert.True(run.ExitCode == 0, run.All);
        byte[] key = _keys.Last;
        Assert.Equal(key, LinkKeyFile.Read(keyOut, "test"));
        Assert.True(device.Runtime.IsProvisioned);

        // The device, read by the test's own console with the new key.
        var (status, info) = await DeviceReader.ReadAsync(device, key);
        Assert.True(status.Status.Provisioned);
        Assert.Equal("CH-0001", info.SerialNumber);
        Assert.Equal("B2", info.HardwareRevision);
        Assert.Equal(400, info.Settings.LinkTimeoutMilliseconds);
        Assert.Equal(1020, info.Settings.CounterGainPermille);
        Assert.Equal(new ChamberSettings().OverTemperatureCentiCelsius, info.Settings.OverTemperatureCentiCelsius);

        // The record: what the register needs, verified, and the key only as its fingerprint.
        using var json = JsonDocument.Parse(File.ReadAllText(recordOut));
        var root = json.RootElement;
        Assert.Equal("chamber-device-record", root.GetProperty("kind").GetString());
        Assert.Equal("factory-provision", root.GetProperty("action").GetString());
        Assert.Equal("CH-0001", root.GetProperty("serialNumber").GetString());
        Assert.Equal("B2", root.GetProperty("hardwareRevision").GetString());
        Assert.Equal(ProvisioningDevice.FirmwareVersion, root.GetProperty("firmwareVersion").GetString());
        Assert.Equal("2031-03-14T09:26:53Z", root.GetProperty("provisionedAt").GetString());
        Assert.Equal(400, root.GetProperty("settings").GetProperty("linkTimeoutMilliseconds").GetInt32());
        Assert.Equal(1020, root.GetProperty("settings").GetProperty("counterGainPermille").GetInt32());
        Assert.Equal(KeyFingerprint.Of(key), root.GetProperty("keyFingerprint").GetString());
        Assert.Equal(16, root.GetProperty("keyFingerprint").GetString()!.Length);
        Assert.Equal("passed", root.GetProperty("verification").GetProperty("result").GetString());
        Assert.True(root.GetProperty("verification").GetProperty("provisioned").GetBoolean());
        Assert.True(root.GetProperty("verification").GetProperty("identityMatches").GetBoolean());
        Assert.True(root.GetProperty("verification").GetProperty("settingsMatch").GetBoolean());
        Assert.Contains("verification       passed", run.Output, StringComparison.Ordinal);
        AssertKeyAbsent(key, run.Output, run.Error, File.ReadAllText(recordOut));

        // Nothing but the key file and the record was left behind (no pending or partial files).
        Assert.Equal(new[] { "CH-0001.json", "CH-0001.key" }, Directory.GetFiles(_temp.Path).Select(Path.GetFileName).Order().ToArray());
    }

    [SkippableTheory]
    [MemberData(nameof(Links))]
    public async Task The_key_file_is_owner_only_and_never_overwritten(LinkKind link)
    {
        await using var device = await ProvisioningDevice.StartAsync(link);
        string keyOut = _temp.Combine("device.key");
        var run = await ProvisionCli.RunAsync(_keys, device.Connector, "--factory", "--target", device.Target, "--serial", "CH-0002", "--hardware-revision", "B2", "--key-out", keyOut);
        Assert.True(run.ExitCode == 0, run.All);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyOut));
        }

        // A second run naming the same file is refused before the device hears anything.
        string before = File.ReadAllText(keyOut);
        int writes = device.Storage.WriteCount;
        device.LetTimePass();
        var again = await ProvisionCli.RunAsync(_keys, device.Connector, "--target", device.Target, "--key-file", keyOut, "--key-out", keyOut);
        Assert.Equal(ProvisioningExitCodes.Usage, again.ExitCode);
        Assert.Contains("already exists: key files are never overwritten", again.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(keyOut));
        Assert.Equal(writes, device.Storage.WriteCount);
        Assert.Single(_keys.Keys);
    }

    [SkippableTheory]
    [MemberData(nameof(Links))]
    public async Task A_key_file_inside_a_git_work_tree_is_refused(LinkKind link)
    {
        await using var device = await ProvisioningDevice.StartAsync(link);

        // The test assembly runs from bin/ inside this repository's work tree.
        string inside = Path.Combine(AppContext.BaseDirectory, "leak-" + Guid.NewGuid().ToString("N") + ".key");
        var run = await ProvisionCli.RunAsync(_keys, device.Connector, "--factory", "--target", device.Target, "--serial", "CH-0003", "--hardware-revision", "B2", "--key-out", inside);
        Assert.Equal(ProvisioningExitCodes.Usage, run.ExitCode);
        Assert.Contains("inside the git work tree", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(inside));
        Assert.False(device.Runtime.IsProvisioned);
        Assert.Equal(0, device.Storage.WriteCount);
    }

    [SkippableTheory]
    [MemberData(nameof(Links))]
    public async Task Re_provisioning_with_the_current_key_rotates_the_key_and_changes_settings_but_keeps_the_identity(LinkKind link)
    {
        await using var device = await ProvisioningDevice.StartAsync(link);
        string firstKey = _temp.Combine("first.key");
        Assert.Equal(0, (await ProvisionCli.RunAsync(_keys, device.Connector, "--factory", "--target", device.Target, "--serial", "CH-0004", "--hardware-revision", "B2", "--rearm-heartbeats", "7", "--key-out", firstKey)).ExitCode);
        byte[] oldKey = _keys.Last;
        device.JumperFitted = false;
        device.LetTimePass();

        string settingsFile = _temp.Combine("settings.json");
        File.WriteAllText(settingsFile, """{ "LinkTimeoutMilliseconds": 300, "temperatureOffsetCentiCelsius": -120 }""");
        string secondKey = _temp.Combine("second.key");
        string record = _temp.Combine("second.json");
        var run = await ProvisionCli.RunAsync(_keys, device.Connector, "--target", device.Target, "--key-file", firstKey, "--settings", settingsFile, "--over-temperature-centi-c", "4000", "--key-out", secondKey, "--record", record);

        Assert.True(run.ExitCode == 0, run.All);
        byte[] newKey = _keys.Last;
        Assert.NotEqual(oldKey, newKey);
        var (status, info) = await DeviceReader.ReadAsync(device, newKey);
        Assert.True(status.Status.Provisioned);
        Assert.Equal("CH-0004", info.SerialNumber);
        Assert.Equal(300, info.Settings.LinkTimeoutMilliseconds);
        Assert.Equal(-120, info.Settings.TemperatureOffsetCentiCelsius);
        Assert.Equal(4000, info.Settings.OverTemperatureCentiCelsius);
        Assert.Equal(7, info.Settings.RearmHeartbeats);
        await Assert.ThrowsAsync<LinkProtocolException>(() => DeviceReader.ReadAsync(device, oldKey));
        using var json = JsonDocument.Parse(File.ReadAllText(record));
        Assert.Equal("re-provision", json.RootElement.GetProperty("action").GetString());
        AssertKeyAbsent(newKey, run.Output, run.Error, File.ReadAllText(record));
        AssertKeyAbsent(oldKey, run.Output, run.Error, File.ReadAllText(record));
    }

    [SkippableFact]
    public async Task The_old_current_key_file_name_still_re_provisions_and_prints_a_deprecation_line()
    {
        await using var device = await ProvisioningDevice.StartAsync(LinkKind.Tcp);
        string firstKey = _temp.Combine("first.key");
        Assert.Equal(0, (await ProvisionCli.RunAsync(_keys, device.Connector, "--factory", "--target", device.Target, "--serial", "CH-0014", "--hardware-revision", "B2", "--key-out", firstKey)).ExitCode);
        device.JumperFitted = false;
        device.LetTimePass();

        var run = await ProvisionCli.RunAsync(_keys, device.Connector, "--target", device.Target, "--current-key-file", firstKey, "--key-out", _temp.Combine("second.key"));

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("--current-key-file is deprecated and will be removed: use --key-file", run.Error, StringComparison.Ordinal);
        var (_, info) = await DeviceReader.ReadAsync(device, _keys.Last);
        Assert.Equal("CH-0014", info.SerialNumber);
    }

    [SkippableFact]
    public async Task The_key_file_under_both_names_with_different_files_is_a_usage_error_and_nothing_is_sent()
    {
        await using var device = await ProvisioningDevice.StartAsync(LinkKind.Tcp);

        var run = await ProvisionCli.RunAsync(_keys, device.Connector, "--target", device.Target, "--key-file", _temp.Combine("a.key"), "--current-key-file", _temp.Combine("b.key"), "--key-out", _temp.Combine("c.key"));

        Assert.Equal(ProvisioningExitCodes.Usage, run.ExitCode);
        Assert.Contains("--key-file and --current-key-file name different files", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, device.Storage.WriteCount);
    }

    [SkippableTheory]
    [MemberData(nameof(Links))]
    public async Task Re_provisioning_without_the_current_key_is_refused_and_changes_nothing(LinkKind link)
    {
        await using var device = await ProvisioningDevice.StartAsync(link);
        Assert.Equal(0, (await ProvisionCli.RunAsync(_keys, device.Connector, "--factory", "--target", device.Target, "--serial", "CH-0005", "--hardware-revision", "B2", "--key-out", _temp.Combine("a.key"))).ExitCode);
        uint generation = device.Runtime.Config.Generation;
        device.LetTimePass();

        var run = await ProvisionCli.RunAsync(_keys, device.Connector, "--factory", "--target", device.Target, "--serial", "CH-0005", "--hardware-revision", "B2", "--key-out", _temp.Combine("b.key"));
        Assert.Equal(ProvisioningExitCodes.Failed, run.ExitCode);
        Assert.Contains("device is already provisioned: pass --key-file", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.Combine("b.key")));
        Assert.Equal(generation, device.Runtime.Config.Generation);

        // The wrong key file is refused just the same.
        File.WriteAllText(_temp.Combine("wrong.key"), Convert.ToHexString(new byte[31].Append((byte)1).ToArray()));
        device.LetTimePass();
        var wrong = await ProvisionCli.RunAsync(_keys, device.Connector, "--target", device.Target, "--key-file", _temp.Combine("wrong.key"), "--key-out", _temp.Combine("c.key"));
        Assert.Equal(ProvisioningExitCodes.Failed, wrong.ExitCode);
        Assert.Contains("does not hold", wrong.Error, StringComparison.Ordinal);
        Assert.Equal(generation, device.Runtime.Config.Generation);
        Assert.False(File.Exists(_temp.Combine("c.key")));
    }

    [SkippableTheory]
    [MemberData(nameof(Links))]
    public async Task Factory_provisioning_without_the_jumper_is_refused_with_what_to_do(LinkKind link)
    {
        await using var device = await ProvisioningDevice.StartAsync(link, jumperFitted: false);
        var run = await ProvisionCli.RunAsync(_keys, device.Connector, "--factory", "--target", device.Target, "--serial", "CH-0006", "--hardware-revision", "B2", "--key-out", _temp.Combine("k.key"));
        Assert.Equal(ProvisioningExitCodes.Failed, run.ExitCode);
        Assert.Contains("the device refused factory provisioning", run.Error, StringComparison.Ordinal);
        Assert.Contains("fit the provisioning jumper (J5) and power-cycle", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_temp.Path));
        Assert.False(device.Runtime.IsProvisioned);
        Assert.Equal(0, device.Storage.WriteCount);
    }

    [SkippableTheory]
    [MemberData(nameof(Links))]
    public async Task Cutting_the_link_before_the_commit_leaves_the_previous_configuration_and_key_in_force(LinkKind link)
    {
        await using var device = await ProvisioningDevice.StartAsync(link);
        string oldKeyFile = _temp.Combine("old.key");
        Assert.Equal(0, (await ProvisionCli.RunAsync(_keys, device.Connector, "--factory", "--target", device.Target, "--serial", "CH-0007", "--hardware-revision", "B2", "--link-timeout-ms", "600", "--key-out", oldKeyFile)).ExitCode);
        byte[] oldKey = _keys.Last;
        uint generation = device.Runtime.Config.Generation;
        device.LetTimePass();

        // Begin, identity, key and settings reach the device; the link is cut as the commit is sent.
        LinkCuttingConnector? cutter = null;
        string newKeyFile = _temp.Combine("new.key");
        var run = await ProvisionCli.RunAsync(_keys, t => cutter = new LinkCuttingConnector(device.Connector(t), LinkMessageType.ProvisionCommit),
            "--target", device.Target, "--key-file", oldKeyFile, "--link-timeout-ms", "1500", "--key-out", newKeyFile);

        Assert.True(cutter!.Cut);
        Assert.Equal(ProvisioningExitCodes.Failed, run.ExitCode);
        Assert.Contains("link lost during provisioning", run.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was committed; the previous configuration is intact", run.Error, StringComparison.Ordinal);
        Assert.Contains("run the command again", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(newKeyFile));
        Assert.Equal(new[] { "old.key" }, Directory.GetFiles(_temp.Path).Select(Path.GetFileName).ToArray());
        byte[] newKey = _keys.Last;
        Assert.NotEqual(oldKey, newKey);

        // Reconnect with the old key: old identity and settings; the new key opens nothing.
        var (status, info) = await DeviceReader.ReadAsync(device, oldKey);
        Assert.True(status.Status.Provisioned);
        Assert.Equal("CH-0007", info.SerialNumber);
        Assert.Equal(600, info.Settings.LinkTimeoutMilliseconds);
        Assert.Equal(generation, info.ConfigGeneration);
        await Assert.ThrowsAsync<LinkProtocolException>(() => DeviceReader.ReadAsync(device, newKey));

        // And it survives a reboot the same way.
        await device.RebootAsync();
        var (_, afterReboot) = await DeviceReader.ReadAsync(device, oldKey);
        Assert.Equal(600, afterReboot.Settings.LinkTimeoutMilliseconds);
    }

    [SkippableTheory]
    [MemberData(nameof(Links))]
    public async Task Cutting_the_link_during_factory_provisioning_leaves_the_board_in_factory_state_and_unarmable(LinkKind link)
    {
        await using var device = await ProvisioningDevice.StartAsync(link);
        LinkCuttingConnector? cutter = null;
        string keyFile = _temp.Combine("k.key");
        var run = await ProvisionCli.RunAsync(_keys, t => cutter = new LinkCuttingConnector(device.Connector(t), LinkMessageType.ProvisionCommit),
            "--factory", "--target", device.Target, "--serial", "CH-0008", "--hardware-revision", "B2", "--key-out", keyFile);

        Assert.True(cutter!.Cut);
        Assert.Equal(ProvisioningExitCodes.Failed, run.ExitCode);
        Assert.Contains("link lost during provisioning: nothing was committed", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_temp.Path));
        Assert.Equal(0, device.Storage.WriteCount);
        Assert.False(device.Runtime.IsProvisioned);
        Assert.False(device.Runtime.Link.HasDeviceKey);
        Assert.False(device.Runtime.Link.HasProvisionalKey);
        Assert.Equal(CommandResult.NotProvisioned, Arm(device));
        var refused = await Assert.ThrowsAsync<LinkProtocolException>(() => DeviceReader.ReadAsync(device, _keys.Last));
        Assert.Contains(nameof(CommandResult.NotProvisioned), refused.Message, StringComparison.Ordinal);

        // Running it again completes.
        device.LetTimePass();
        var again = await ProvisionCli.RunAsync(_keys, device.Connector, "--factory", "--target", device.Target, "--serial", "CH-0008", "--hardware-revision", "B2", "--key-out", keyFile);
        Assert.True(again.ExitCode == 0, again.All);
        Assert.True(device.Runtime.IsProvisioned);
    }

    [SkippableTheory]
    [MemberData(nameof(Links))]
    public async Task A_lost_commit_answer_is_resolved_by_asking_the_device_with_the_new_key(LinkKind link)
    {
        await using var device = await ProvisioningDevice.StartAsync(link);
        LinkCuttingConnector? cutter = null;
        string keyFile = _temp.Combine("k.key");
        var run = await ProvisionCli.RunAsync(_keys, t => cutter = new LinkCuttingConnector(device.Connector(t), LinkMessageType.ProvisionCommit, cutAfterSending: true),
            "--factory", "--target", device.Target, "--serial", "CH-0014", "--hardware-revision", "B2", "--key-out", keyFile);

        Assert.True(cutter!.Cut);
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("asking the device whether it took the new configuration", run.Output, StringComparison.Ordinal);
        Assert.Contains("the commit took effect", run.Output, StringComparison.Ordinal);
        Assert.Equal(_keys.Last, LinkKeyFile.Read(keyFile, "test"));
        Assert.True(device.Runtime.IsProvisioned);
    }

    [SkippableTheory]
    [MemberData(nameof(Links))]
    public async Task Committed_but_not_verified_keeps_the_key_file_writes_no_record_and_says_so(LinkKind link)
    {
        await using var device = await ProvisioningDevice.StartAsync(link);
        string keyFile = _temp.Combine("k.key");
        string record = _temp.Combine("r.json");

        // The commit is answered, then the device cannot be reached for the read-back.
        var run = await ProvisionCli.RunAsync(_keys, t => new LinkCuttingConnector(device.Connector(t), LinkMessageType.GetStatus, refuseLater: true),
            "--factory", "--target", device.Target, "--serial", "CH-0015", "--hardware-revision", "B2", "--key-out", keyFile, "--record", record);

        Assert.Equal(ProvisioningExitCodes.CommittedNotVerified, run.ExitCode);
        Assert.Contains("the device committed the new configuration but reading it back did not confirm it", run.Error, StringComparison.Ordinal);
        Assert.Contains("it was saved to " + keyFile, run.Error, StringComparison.Ordinal);
        Assert.Contains("provision --check", run.Error, StringComparison.Ordinal);
        Assert.Contains("verification       failed", run.Output, StringComparison.Ordinal);
        Assert.Equal(_keys.Last, LinkKeyFile.Read(keyFile, "test"));
        Assert.False(File.Exists(record));
        Assert.True(device.Runtime.IsProvisioned);
        AssertKeyAbsent(_keys.Last, run.Output, run.Error);
    }

    [SkippableTheory]
    [MemberData(nameof(Links))]
    public async Task A_corrupt_store_makes_the_device_unarmable_until_it_is_provisioned_again(LinkKind link)
    {
        await using var device = await ProvisioningDevice.StartAsync(link);
        Assert.Equal(0, (await ProvisionCli.RunAsync(_keys, device.Connector, "--factory", "--target", device.Target, "--serial", "CH-0009", "--hardware-revision", "B2", "--key-out", _temp.Combine("1.key"))).ExitCode);
        byte[] firstKey = _keys.Last;
        Assert.Equal(CommandResult.Ok, Arm(device));

        // Flip one bit in every stored slot: the CRC no longer matches.
        for (int slot = 0; slot < device.Storage.SlotCount; slot++)
        {
            if (device.Storage.Snapshot(slot) is { Length: > 20 })
            {
                device.Storage.FlipBit(slot, 20, 3);
            }
        }

        await device.RebootAsync();
        Assert.Equal(ConfigLoadStatus.Corrupt, device.Runtime.ConfigLoadStatus);
        Assert.False(device.Runtime.IsProvisioned);
        Assert.Equal(CommandResult.NotProvisioned, Arm(device));
        await Assert.ThrowsAsync<LinkProtocolException>(() => DeviceReader.ReadAsync(device, firstKey));

        // --check says so; provisioning again (factory exchange, jumper fitted) makes it armable.
        var check = await ProvisionCli.RunAsync(_keys, device.Connector, "--check", "--target", device.Target, "--key-file", _temp.Combine("1.key"));
        Assert.Equal(ProvisioningExitCodes.Failed, check.ExitCode);
        Assert.Contains("answered NotProvisioned", check.Error, StringComparison.Ordinal);

        // The old key cannot be proven, so --current-key-file does not fall back to the factory exchange.
        device.LetTimePass();
        var refused = await ProvisionCli.RunAsync(_keys, device.Connector, "--target", device.Target, "--key-file", _temp.Combine("1.key"), "--key-out", _temp.Combine("2.key"));
        Assert.Equal(ProvisioningExitCodes.Failed, refused.ExitCode);
        Assert.Contains("--factory", refused.Error, StringComparison.Ordinal);
        Assert.False(device.Runtime.IsProvisioned);
        device.LetTimePass();
        var again = await ProvisionCli.RunAsync(_keys, device.Connector, "--factory", "--target", device.Target, "--serial", "CH-0009", "--hardware-revision", "B2", "--key-out", _temp.Combine("2.key"));
        Assert.True(again.ExitCode == 0, again.All);
        Assert.Contains("stored configuration was found corrupt", again.Output, StringComparison.Ordinal);
        Assert.True(device.Runtime.IsProvisioned);
        var armed = Arm(device);
        Assert.True(armed == CommandResult.Ok, armed + " mode " + device.Runtime.Supervisor.Mode + " present " + device.Runtime.Supervisor.PresentReasons + " latched " + device.Runtime.Supervisor.LatchedReasons + " bank " + device.Board.BankPowered);
    }

    [SkippableTheory]
    [InlineData("--link-timeout-ms", "10", "LinkTimeoutMilliseconds (--link-timeout-ms) = 10 is outside its hard bounds 50..2000 ms")]
    [InlineData("--over-temperature-centi-c", "4400", "OverTemperatureCentiCelsius (--over-temperature-centi-c) = 4400 is outside its hard bounds 2500..4300")]
    [InlineData("--counter-gain-permille", "1200", "CounterGainPermille (--counter-gain-permille) = 1200 is outside its hard bounds 900..1100")]
    [InlineData("--temperature-offset-centi-c", "-501", "TemperatureOffsetCentiCelsius (--temperature-offset-centi-c) = -501 is outside its hard bounds -500..500")]
    public async Task Settings_outside_the_hard_bounds_are_refused_naming_the_field_before_anything_is_sent(string option, string value, string message)
    {
        await using var device = await ProvisioningDevice.StartAsync(LinkKind.Tcp);
        var run = await ProvisionCli.RunAsync(_keys, device.Connector, "--factory", "--target", device.Target, "--serial", "CH-0010", "--hardware-revision", "B2", option, value, "--key-out", _temp.Combine("k.key"));
        Assert.Equal(ProvisioningExitCodes.Usage, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Empty(_keys.Keys);
        Assert.Equal(0, device.Runtime.Link.AcceptedFrameCount);
        Assert.Equal(0, device.Storage.WriteCount);
    }

    [SkippableTheory]
    [MemberData(nameof(Links))]
    public async Task A_settings_file_with_an_unknown_or_out_of_bounds_field_is_refused_naming_it(LinkKind link)
    {
        await using var device = await ProvisioningDevice.StartAsync(link);
        File.WriteAllText(_temp.Combine("typo.json"), """{ "LinkTimeoutMs": 300 }""");
        var typo = await ProvisionCli.RunAsync(_keys, device.Connector, "--factory", "--target", device.Target, "--serial", "CH-0011", "--hardware-revision", "B2", "--settings", _temp.Combine("typo.json"), "--key-out", _temp.Combine("k.key"));
        Assert.Equal(ProvisioningExitCodes.Usage, typo.ExitCode);
        Assert.Contains("unknown setting \"LinkTimeoutMs\"", typo.Error, StringComparison.Ordinal);

        File.WriteAllText(_temp.Combine("bounds.json"), """{ "RearmHeartbeats": 51 }""");
        var bounds = await ProvisionCli.RunAsync(_keys, device.Connector, "--factory", "--target", device.Target, "--serial", "CH-0011", "--hardware-revision", "B2", "--settings", _temp.Combine("bounds.json"), "--key-out", _temp.Combine("k.key"));
        Assert.Equal(ProvisioningExitCodes.Usage, bounds.ExitCode);
        Assert.Contains("RearmHeartbeats (--rearm-heartbeats) = 51 is outside its hard bounds 2..50", bounds.Error, StringComparison.Ordinal);
        Assert.Equal(0, device.Storage.WriteCount);
    }

    [SkippableTheory]
    [MemberData(nameof(Links))]
    public async Task The_device_checks_the_bounds_too_and_names_the_field(LinkKind link)
    {
        // A console that skips the local check (not chamberctl) still cannot store bad settings.
        await using var device = await ProvisioningDevice.StartAsync(link);
        Assert.Equal(0, (await ProvisionCli.RunAsync(_keys, device.Connector, "--factory", "--target", device.Target, "--serial", "CH-0012", "--hardware-revision", "B2", "--key-out", _temp.Combine("k.key"))).ExitCode);
        uint generation = device.Runtime.Config.Generation;
        using var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using (var client = new ConsoleLinkClient(await device.ConnectAsync(timeout.Token), _keys.Last))
        {
            await client.ConnectAsync(timeout.Token);
            Assert.True((await client.BeginProvisioningAsync(timeout.Token)).IsOk);
            var reply = await client.StageSettingsAsync(new ChamberSettings { RearmCountPermille = 950 }, timeout.Token);
            Assert.Equal(CommandResult.SettingsRejected, reply.Result);
            Assert.Equal(SettingsField.RearmCountPermille, reply.RejectedSettingsField);
            await client.AbortProvisioningAsync(timeout.Token);
        }

        Assert.Equal(generation, device.Runtime.Config.Generation);
    }

    [SkippableTheory]
    [MemberData(nameof(Links))]
    public async Task Check_reads_back_and_prints_the_record_without_changing_anything(LinkKind link)
    {
        await using var device = await ProvisioningDevice.StartAsync(link);
        string keyFile = _temp.Combine("k.key");
        Assert.Equal(0, (await ProvisionCli.RunAsync(_keys, device.Connector, "--factory", "--target", device.Target, "--serial", "CH-0013", "--hardware-revision", "C1", "--key-out", keyFile)).ExitCode);
        int writes = device.Storage.WriteCount;
        uint generation = device.Runtime.Config.Generation;
        device.LetTimePass();

        string record = _temp.Combine("check.json");
        var run = await ProvisionCli.RunAsync(_keys, device.Connector, "--check", "--target", device.Target, "--key-file", keyFile, "--record", record);
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("serial number      CH-0013", run.Output, StringComparison.Ordinal);
        Assert.Contains("verification       passed", run.Output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(record));
        Assert.Equal("check", json.RootElement.GetProperty("action").GetString());
        Assert.Equal("2031-03-14T09:26:53Z", json.RootElement.GetProperty("checkedAt").GetString());
        Assert.False(json.RootElement.TryGetProperty("provisionedAt", out _));
        Assert.Equal("C1", json.RootElement.GetProperty("hardwareRevision").GetString());
        Assert.Equal(writes, device.Storage.WriteCount);
        Assert.Equal(generation, device.Runtime.Config.Generation);
        Assert.Single(_keys.Keys);
        AssertKeyAbsent(_keys.Last, run.Output, run.Error, File.ReadAllText(record));

        // The record is never overwritten either.
        var twice = await ProvisionCli.RunAsync(_keys, device.Connector, "--check", "--target", device.Target, "--key-file", keyFile, "--record", record);
        Assert.Equal(ProvisioningExitCodes.Usage, twice.ExitCode);
        Assert.Contains("records are never overwritten", twice.Error, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("ble:AA:BB:CC:DD:EE", "is not understood: use ble:AA:BB:CC:DD:EE:FF")]
    [InlineData("ble:name=", "has an empty name")]
    [InlineData("tcp:10.1.2.3:7000", "for a simulator on this machine only")]
    [InlineData("serial:/dev/ttyUSB0", "ble:serial=SERIAL or tcp:127.0.0.1:PORT")]
    [InlineData("tcp:127.0.0.1:notaport", "has no valid port")]
    public void Targets_other_than_local_tcp_are_refused_clearly(string target, string message)
    {
        var run = ProvisionCli.Run(_keys, null, "--target", target, "--serial", "CH-1", "--hardware-revision", "B2", "--key-out", _temp.Combine("k.key"));
        Assert.Equal(ProvisioningExitCodes.Usage, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Empty(_keys.Keys);
    }

    [SkippableFact]
    public void An_unreachable_device_is_reported_with_what_to_do_and_leaves_no_files()
    {
        // A port that was just free: nothing listens there.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var run = ProvisionCli.Run(_keys, null, "--target", "tcp:127.0.0.1:" + port, "--serial", "CH-1", "--hardware-revision", "B2", "--key-out", _temp.Combine("k.key"));
        Assert.Equal(ProvisioningExitCodes.Failed, run.ExitCode);
        Assert.Contains("cannot reach the device", run.Error, StringComparison.Ordinal);
        Assert.Contains("next:", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_temp.Path));
    }

    [SkippableFact]
    public void The_command_is_registered_in_chamberctl()
    {
        var run = CliRun.Of("provision", "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--key-out", run.Output, StringComparison.Ordinal);
        Assert.Contains("--key-file", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("--current-key-file", run.Output, StringComparison.Ordinal);
        Assert.Contains("--check", run.Output, StringComparison.Ordinal);
    }

    private static CommandResult Arm(ProvisioningDevice device)
    {
        // Half a second of firmware time, heartbeats at 20 Hz, every loop checking in, so sensors,
        // link, watchdog and interlock are all healthy and only provisioning can block arming.
        byte[] telemetry = new byte[LinkProtocol.MaxFrameSize];
        for (int tick = 0; tick < 50; tick++)
        {
            device.Board.Advance(10_000);
            if (tick % 5 == 0)
            {
                device.Runtime.Control.OnHeartbeat(device.Clock.NowMicroseconds);
            }

            device.Runtime.SupervisorStep();
            device.Runtime.ControlStep();
            device.Runtime.BuildTelemetryFrame(telemetry, 0); // the link loop's check-in
        }

        long now = device.Clock.NowMicroseconds;
        device.Runtime.Control.OnHeartbeat(now);
        var profile = new TreatmentProfile
        {
            TargetCount = 100_000,
            CountLimit = 200_000,
            GrowthLimitPermillePerSecond = 100,
            DurationMilliseconds = 60_000,
            RampChannelsPerSecond = 2,
            MaxActiveChannels = 4,
        };
        return device.Runtime.Control.Arm(profile, now, out _);
    }

    private static void AssertKeyAbsent(byte[] key, params string[] texts)
    {
        string lower = Convert.ToHexStringLower(key);
        string upper = Convert.ToHexString(key);
        string base64 = Convert.ToBase64String(key);
        string base64Url = base64.TrimEnd('=').Replace('+', '-').Replace('/', '_');
        foreach (string text in texts)
        {
            Assert.DoesNotContain(lower, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(upper, text, StringComparison.Ordinal);
            Assert.DoesNotContain(base64.TrimEnd('='), text, StringComparison.Ordinal);
            Assert.DoesNotContain(base64Url, text, StringComparison.Ordinal);

            // Nor any 8-byte run of it (a partial leak).
            for (int i = 0; i + 8 <= key.Length; i += 4)
            {
                Assert.DoesNotContain(lower.Substring(2 * i, 16), text, StringComparison.OrdinalIgnoreCase);
            }
        }
    }
}
