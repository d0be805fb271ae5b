using System;
using System.Text.Json;
using System.Threading.Tasks;
using ChamberCtl.Commands;
using ChamberFirmware.Tools.Tests.Provisioning;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Ble;

/// <summary><c>chamberctl ble scan</c> against the stand-in BlueZ: the scan window passes on a manual clock, never slept.</summary>
public sealed class BleScanCommandTests
{
    private readonly ManualTimeProvider _time = new();

    [SkippableFact]
    public async Task Scan_lists_the_stand_in_chamber_with_address_rssi_and_not_provisioned()
    {
        await using var device = await ProvisioningDevice.StartAsync(LinkKind.Ble);
        var run = await ScanAsync(device, 5, "ble", "scan", "--seconds", "5");

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("adapter /org/bluez/hci0, 5 s scan", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"Chamber unprovisioned\s+C0:FF:EE:00:00:01\s+-58\s+no", run.Output);
        Assert.Contains("the advertisement has no provisioned flag", run.Output, StringComparison.Ordinal);
        Assert.Equal(0, device.BlueZ!.Connections);
        Assert.False((bool)device.BlueZ.Adapter!.Properties["Discovering"]);
    }

    [SkippableFact]
    public async Task After_provisioning_and_a_restart_the_chamber_is_listed_as_provisioned_with_its_serial()
    {
        await using var device = await ProvisioningDevice.StartAsync(LinkKind.Ble);
        using var temp = new TempDirectory();
        var provisioned = await ProvisionCli.RunAsync(new RememberingKeyGenerator(), device.Connector, "--factory", "--target", "ble:" + ProvisioningDevice.BleAddress, "--serial", "CH-0300", "--hardware-revision", "B2", "--key-out", temp.Combine("k.key"));
        Assert.True(provisioned.ExitCode == 0, provisioned.All);
        await device.RebootAsync();

        var run = await ScanAsync(device, 5, "ble", "scan", "--json");
        Assert.True(run.ExitCode == 0, run.All);
        using var json = JsonDocument.Parse(run.Output);
        var chamber = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("Chamber CH-0300", chamber.GetProperty("name").GetString());
        Assert.Equal("C0:FF:EE:00:00:01", chamber.GetProperty("address").GetString());
        Assert.Equal(-58, chamber.GetProperty("rssi").GetInt32());
        Assert.True(chamber.GetProperty("provisioned").GetBoolean());
        Assert.Equal("CH-0300", chamber.GetProperty("serialNumber").GetString());
    }

    [SkippableFact]
    public async Task A_chamber_held_by_another_console_is_not_listed()
    {
        await using var device = await ProvisioningDevice.StartAsync(LinkKind.Ble, setup: new StandInSetup { Advertising = false });
        var run = await ScanAsync(device, 5, "ble", "scan");
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("no chamber advertised within 5 s", run.Output, StringComparison.Ordinal);
        Assert.Contains("does not advertise while a console is connected to it", run.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Scan_with_the_adapter_off_says_so_and_exits_1()
    {
        await using var device = await ProvisioningDevice.StartAsync(LinkKind.Ble, setup: new StandInSetup { AdapterPowered = false });
        var run = Run(device, "ble", "scan");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ble scan: the Bluetooth adapter /org/bluez/hci0 is powered off", run.Error, StringComparison.Ordinal);
        Assert.Contains("next: switch Bluetooth on", run.Error, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("0")]
    [InlineData("121")]
    public void A_scan_time_out_of_range_is_a_usage_error(string seconds)
    {
        var run = CliRun.Of("ble", "scan", "--seconds", seconds);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--seconds must be 1..120", run.Error, StringComparison.Ordinal);
    }

    private async Task<CliRun> ScanAsync(ProvisioningDevice device, int seconds, params string[] args)
    {
        var pending = Task.Run(() => Run(device, args));
        await device.BlueZ!.DiscoveryStarted.WaitAsync(TimeSpan.FromSeconds(30));
        await _time.TimerPendingAsync(TimeSpan.FromSeconds(seconds));
        _time.Advance(TimeSpan.FromSeconds(seconds));
        return await pending.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private CliRun Run(ProvisioningDevice device, params string[] args) => CliRun.Of(BleCommand.Create(device.BleOptions(_time)), args);
}
