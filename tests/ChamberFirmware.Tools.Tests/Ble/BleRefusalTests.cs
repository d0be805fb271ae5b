using System;
using System.IO;
using System.Threading.Tasks;
using ChamberCtl.Commands;
using ChamberCtl.Provisioning;
using ChamberFirmware.ConsoleLink.Ble;
using ChamberFirmware.ConsoleLink.Ble.BlueZ;
using ChamberFirmware.ConsoleLink.Client;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Tools.Tests.Provisioning;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Ble;

/// <summary>
/// <c>chamberctl provision</c>, <c>console</c> and <c>diag</c> with <c>--target ble:…</c> against the
/// stand-in BlueZ when the radio world says no: each refusal gives its own message and the next
/// step, exit 1, and changes nothing on the board or on disk, whichever command met it; a link
/// that drops mid-provisioning leaves the old configuration in force.
/// </summary>
public sealed class BleRefusalTests : IDisposable
{
    private const string Address = ProvisioningDevice.BleAddress;
    private readonly TempDirectory _temp = new();
    private readonly TempDirectory _consoleKey = new();
    private readonly RememberingKeyGenerator _keys = new();
    private readonly ManualTimeProvider _time = new();

    /// <summary>Every command that reaches a board over BLE.</summary>
    public static TheoryData<string> Commands => new() { "provision", "console", "diag" };

    /// <summary>The commands that open the link (diag only reads the diagnostics service: no MTU check, no frames).</summary>
    public static TheoryData<string> LinkCommands => new() { "provision", "console" };

    public void Dispose()
    {
        _temp.Dispose();
        _consoleKey.Dispose();
    }

    [SkippableTheory]
    [MemberData(nameof(Commands))]
    public async Task No_adapter_is_reported_as_such(string command)
    {
        var run = await RefusedAsync(command, new StandInSetup { AdapterPresent = false });
        Assert.Contains("this computer has no Bluetooth adapter", run.Error, StringComparison.Ordinal);
        Assert.Contains("next: plug in a Bluetooth LE adapter", run.Error, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Commands))]
    public async Task An_adapter_switched_off_is_reported_with_how_to_switch_it_on(string command)
    {
        var run = await RefusedAsync(command, new StandInSetup { AdapterPowered = false });
        Assert.Contains("the Bluetooth adapter /org/bluez/hci0 is powered off", run.Error, StringComparison.Ordinal);
        Assert.Contains("bluetoothctl power on", run.Error, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Commands))]
    public async Task A_user_the_bus_policy_refuses_is_told_to_join_the_bluetooth_group(string command)
    {
        // The private bus's own policy refuses org.bluez: the error comes from dbus-daemon, not from the stand-in.
        var run = await RefusedAsync(command, new StandInSetup { DenyBlueZ = true });
        Assert.Contains("no permission to use Bluetooth", run.Error, StringComparison.Ordinal);
        Assert.Contains(BlueZNames.BusErrorAccessDenied, run.Error, StringComparison.Ordinal);
        Assert.Contains("usermod -aG bluetooth", run.Error, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Commands))]
    public async Task A_chamber_that_does_not_advertise_is_not_found_after_the_scan_time(string command)
    {
        await using var device = await ProvisioningDevice.StartAsync(LinkKind.Ble, setup: new StandInSetup { Advertising = false });
        var run = await RunPastTheScanTimeAsync(device, command, "ble:" + Address);

        AssertRefused(device, command, run);
        Assert.Contains("no chamber matching ble:" + Address + " advertised within 10 s", run.Error, StringComparison.Ordinal);
        Assert.Contains("chamberctl ble scan", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, device.BlueZ!.Connections);
    }

    [SkippableTheory]
    [MemberData(nameof(Commands))]
    public async Task A_serial_filter_that_matches_no_chamber_is_not_found(string command)
    {
        await using var device = await ProvisioningDevice.StartAsync(LinkKind.Ble);
        var run = await RunPastTheScanTimeAsync(device, command, "ble:serial=CH-9999");

        AssertRefused(device, command, run);
        Assert.Contains("no chamber matching ble:serial=CH-9999 advertised within 10 s", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, device.BlueZ!.Connections);
    }

    [SkippableTheory]
    [MemberData(nameof(Commands))]
    public async Task A_bonded_chamber_held_by_another_console_is_named_as_known_but_not_advertising(string command)
    {
        // Another central holds the board, so it stopped advertising (firmware OnSessionStatusChanged).
        await using var device = await ProvisioningDevice.StartAsync(LinkKind.Ble, setup: new StandInSetup { Advertising = false, AlreadyPaired = true });
        var run = await RunPastTheScanTimeAsync(device, command, "ble:" + Address);

        AssertRefused(device, command, run);
        Assert.Contains("but it is not advertising", run.Error, StringComparison.Ordinal);
        Assert.Contains("does not advertise while another console is connected to it", run.Error, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Commands))]
    public async Task A_chamber_already_connected_by_another_program_here_is_refused_without_touching_it(string command)
    {
        await using var device = await ProvisioningDevice.StartAsync(LinkKind.Ble, setup: new StandInSetup { ConnectedByOtherProgram = true, Advertising = false });
        var run = await RunPastTheScanTimeAsync(device, command, "ble:" + Address);

        AssertRefused(device, command, run);
        Assert.Contains("is already connected from this computer by another program", run.Error, StringComparison.Ordinal);
        Assert.Contains("bluetoothctl disconnect " + Address, run.Error, StringComparison.Ordinal);
        Assert.Equal(0, device.BlueZ!.Disconnections);
    }

    [SkippableTheory]
    [InlineData(BlueZNames.ErrorAuthenticationFailed)]
    [InlineData(BlueZNames.ErrorAuthenticationRejected)]
    [InlineData(BlueZNames.ErrorAuthenticationCanceled)]
    [InlineData(BlueZNames.ErrorAuthenticationTimeout)]
    public async Task Refused_pairing_is_reported_with_how_to_pair(string error)
    {
        var run = await RefusedAsync("provision", new StandInSetup { PairingError = error });
        Assert.Contains("pairing with Chamber unprovisioned (" + Address + ") was refused (" + error, run.Error, StringComparison.Ordinal);
        Assert.Contains("bluetoothctl", run.Error, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(LinkCommands))]
    public async Task An_mtu_too_small_for_one_frame_per_write_is_refused_before_any_frame(string command)
    {
        // A central capped below the board's 256 (e.g. at 247, a common controller limit) cannot carry every frame in one write.
        await using var device = await ProvisioningDevice.StartAsync(LinkKind.Ble, setup: new StandInSetup { Mtu = 247 });
        var run = await RunAsync(device, command, "ble:" + Address);
        AssertRefused(device, command, run);
        Assert.Contains("MTU too small: the Bluetooth link to Chamber unprovisioned (" + Address + ") negotiated an ATT MTU of 247 bytes; one link frame (up to 253 bytes) per write needs at least 256", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, device.Runtime.Link.AcceptedFrameCount);
        Assert.Equal(1, device.BlueZ!.Disconnections);
    }

    [SkippableTheory]
    [InlineData(LinkMessageType.ProvisionLinkKey)]
    [InlineData(LinkMessageType.ProvisionCommit)]
    public async Task A_radio_drop_mid_re_provisioning_leaves_the_old_configuration_and_key_in_force(LinkMessageType dropAt)
    {
        await using var device = await ProvisioningDevice.StartAsync(LinkKind.Ble);
        string oldKeyFile = _temp.Combine("old.key");
        var first = await ProvisionCli.RunAsync(_keys, device.Connector, "--target", "ble:serial=", "--serial", "CH-0100", "--hardware-revision", "B2", "--link-timeout-ms", "600", "--key-out", oldKeyFile);
        Assert.Equal(ProvisioningExitCodes.Usage, first.ExitCode); // an empty serial filter is a usage error
        first = await ProvisionCli.RunAsync(_keys, device.Connector, "--factory", "--target", "ble:" + Address, "--serial", "CH-0100", "--hardware-revision", "B2", "--link-timeout-ms", "600", "--key-out", oldKeyFile);
        Assert.True(first.ExitCode == 0, first.All);
        byte[] oldKey = _keys.Last;
        uint generation = device.Runtime.Config.Generation;
        int writes = device.Storage.WriteCount;
        device.LetTimePass();

        // The board was provisioned but has not restarted: it still advertises its old name.
        device.BlueZ!.Setup.DropAt = dropAt;
        string newKeyFile = _temp.Combine("new.key");
        var run = await ProvisionCli.RunAsync(_keys, device.Connector, "--target", "ble:" + Address, "--current-key-file", oldKeyFile, "--link-timeout-ms", "1500", "--key-out", newKeyFile);

        Assert.True(device.BlueZ.Dropped);
        Assert.Equal(ProvisioningExitCodes.Failed, run.ExitCode);
        Assert.Contains("link lost during provisioning", run.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was committed; the previous configuration is intact", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(newKeyFile));
        Assert.Equal(generation, device.Runtime.Config.Generation);
        Assert.Equal(writes, device.Storage.WriteCount);

        // Over BLE again, with the old key: old identity and settings; the new key opens nothing.
        var (status, info) = await DeviceReader.ReadAsync(device, oldKey);
        Assert.True(status.Status.Provisioned);
        Assert.Equal("CH-0100", info.SerialNumber);
        Assert.Equal(600, info.Settings.LinkTimeoutMilliseconds);
        await Assert.ThrowsAsync<LinkProtocolException>(() => DeviceReader.ReadAsync(device, _keys.Last));
    }

    [SkippableFact]
    public async Task A_radio_drop_after_the_commit_reached_the_board_is_resolved_with_the_new_key()
    {
        await using var device = await ProvisioningDevice.StartAsync(LinkKind.Ble, setup: new StandInSetup { DropAt = LinkMessageType.ProvisionCommit, DropAfterDelivering = true });
        string keyFile = _temp.Combine("k.key");
        var run = await ProvisionCli.RunAsync(_keys, device.Connector, "--factory", "--target", "ble:" + Address, "--serial", "CH-0101", "--hardware-revision", "B2", "--key-out", keyFile);

        Assert.True(device.BlueZ!.Dropped);
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("the commit took effect", run.Output, StringComparison.Ordinal);
        Assert.True(device.Runtime.IsProvisioned);
        Assert.Equal(_keys.Last, LinkKeyFile.Read(keyFile, "test"));
    }

    [SkippableTheory]
    [MemberData(nameof(Commands))]
    public async Task Refused_pairing_is_reported_by_every_command(string command)
    {
        var run = await RefusedAsync(command, new StandInSetup { PairingError = BlueZNames.ErrorAuthenticationRejected });
        Assert.Contains("pairing with Chamber unprovisioned (" + Address + ") was refused (" + BlueZNames.ErrorAuthenticationRejected, run.Error, StringComparison.Ordinal);
        Assert.Contains("bluetoothctl", run.Error, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Commands))]
    public async Task A_chamber_that_never_resolves_its_services_is_given_up_at_the_connect_timeout(string command)
    {
        await using var device = await ProvisioningDevice.StartAsync(LinkKind.Ble, setup: new StandInSetup { ResolvesServices = false });
        var pending = RunAsync(device, command, "ble:" + Address);
        await device.BlueZ!.LinkUp.WaitAsync(TimeSpan.FromSeconds(30));
        await _time.TimerPendingAsync(BleOptions.DefaultConnectTimeout);
        _time.Advance(BleOptions.DefaultConnectTimeout - TimeSpan.FromMilliseconds(1));
        Assert.False(pending.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var run = await pending;

        AssertRefused(device, command, run);
        Assert.Contains("did not finish connecting (connect, pairing, GATT service discovery) within 30 s", run.Error, StringComparison.Ordinal);
        Assert.Contains("next: check that the board is powered", run.Error, StringComparison.Ordinal);
        Assert.Equal(1, device.BlueZ!.Disconnections);
    }

    /// <summary>Runs the command and lets the 10 s scan time pass on the manual clock once the client is scanning.</summary>
    private async Task<CliRun> RunPastTheScanTimeAsync(ProvisioningDevice device, string command, string target)
    {
        var pending = RunAsync(device, command, target);
        await device.BlueZ!.DiscoveryStarted.WaitAsync(TimeSpan.FromSeconds(30));
        await _time.TimerPendingAsync(TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromSeconds(10));
        return await pending;
    }

    private async Task<CliRun> RefusedAsync(string command, StandInSetup setup)
    {
        await using var device = await ProvisioningDevice.StartAsync(LinkKind.Ble, setup: setup);
        var run = await RunAsync(device, command, "ble:" + Address);
        AssertRefused(device, command, run);
        return run;
    }

    /// <summary>One command against the stand-in, its BLE clock the manual one, off the test's thread and bounded.</summary>
    private Task<CliRun> RunAsync(ProvisioningDevice device, string command, string target)
    {
        var options = device.BleOptions(_time);
        return command switch
        {
            "provision" => ProvisionCli.RunAsync(_keys, t => new BleLinkConnector(t, options),
                "--target", target, "--serial", "CH-0099", "--hardware-revision", "B2", "--key-out", _temp.Combine("k.key")),
            "console" => Task.Run(() => CliRun.Of(ConsoleCommand.Create(t => new BleLinkConnector(t, options), _time, () => new StringReader(string.Empty), () => false),
                "console", "--target", target, "--key-file", _consoleKey.Write("k.key", new string('a', 64) + "\n"), "--commands", "status")).WaitAsync(TimeSpan.FromSeconds(60)),
            _ => Task.Run(() => CliRun.Of(DiagCommand.Create(options), "diag", "--target", target)).WaitAsync(TimeSpan.FromSeconds(60)),
        };
    }

    private void AssertRefused(ProvisioningDevice device, string command, CliRun run)
    {
        Assert.True(run.ExitCode == ProvisioningExitCodes.Failed, run.All);
        string prefix = command switch
        {
            "provision" => "provision: cannot reach the device at ble:",
            "console" => "console: cannot reach ble:",
            _ => "diag: could not read ble:",
        };
        Assert.Contains(prefix, run.Error, StringComparison.Ordinal);
        Assert.Contains("next: ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("is the simulator running", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);
        if (command == "provision")
        {
            Assert.Contains("nothing was changed", run.Error, StringComparison.Ordinal);
        }

        Assert.Empty(Directory.GetFiles(_temp.Path));
        Assert.Equal(0, device.Storage.WriteCount);
        Assert.False(device.Runtime.IsProvisioned);
    }
}
