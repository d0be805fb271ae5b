using System;
using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Client;
using ChamberFirmware.ConsoleLink.Device;
using ChamberFirmware.ConsoleLink.Transport;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using Xunit;

namespace ChamberFirmware.ConsoleLink.Tests;

public class ProvisioningOverLinkTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_factory_board_is_keyed_with_the_jumper_then_reprovisioned_over_its_session()
    {
        using var timeout = new CancellationTokenSource(Bound);
        var device = new DeviceRig(provisioned: false);

        // 1. No key, no jumper: refused. 2. With the jumper: a provisional key opens one session in
        // which identity and key are committed together; nothing is stored before that commit.
        var (factoryConsole, factoryEnd) = InMemoryLinkTransport.CreatePair();
        var factoryServing = new LinkServerConnection(device.Server, factoryEnd).RunAsync(timeout.Token);
        Assert.Equal(CommandResult.ProvisioningRefused, await ConsoleLinkClient.FactoryProvisionAsync(factoryConsole, DeviceRig.Key, timeout.Token));
        device.Jumper.IsFitted = true;
        Assert.Equal(CommandResult.Ok, await ConsoleLinkClient.FactoryProvisionAsync(factoryConsole, DeviceRig.Key, timeout.Token));
        Assert.Null(device.Provisioning.CommittedKey);
        await using (var factory = new ConsoleLinkClient(factoryConsole, DeviceRig.Key, new SeededNonceSource(1)))
        {
            await factory.ConnectAsync(timeout.Token);
            Assert.True((await factory.BeginProvisioningAsync(timeout.Token)).IsOk);
            Assert.True((await factory.StageIdentityAsync("CH-0042", "B2", timeout.Token)).IsOk);
            Assert.True((await factory.StageLinkKeyAsync(DeviceRig.Key, timeout.Token)).IsOk);
            Assert.True((await factory.CommitProvisioningAsync(timeout.Token)).IsOk);
        }

        await factoryServing.WaitAsync(Bound);
        Assert.Equal(DeviceRig.Key, device.Provisioning.CommittedKey);
        var (console, deviceEnd) = InMemoryLinkTransport.CreatePair();
        var serving = new LinkServerConnection(device.Server, deviceEnd).RunAsync(timeout.Token);
        Assert.Equal(CommandResult.ProvisioningRefused, await ConsoleLinkClient.FactoryProvisionAsync(console, DeviceRig.CreateKey(9), timeout.Token));
        Assert.Equal(DeviceRig.Key, device.Provisioning.CommittedKey);

        // 3. Identity, settings and a new key, authenticated with the current key.
        byte[] newKey = DeviceRig.CreateKey(10);
        await using (var client = new ConsoleLinkClient(console, DeviceRig.Key, new SeededNonceSource(2)))
        {
            await client.ConnectAsync(timeout.Token);
            Assert.True((await client.BeginProvisioningAsync(timeout.Token)).IsOk);
            Assert.True((await client.StageIdentityAsync("CH-0042", "B2", timeout.Token)).IsOk);
            Assert.True((await client.StageSettingsAsync(new ChamberSettings { LinkTimeoutMilliseconds = 500 }, timeout.Token)).IsOk);
            Assert.True((await client.StageLinkKeyAsync(newKey, timeout.Token)).IsOk);
            Assert.True((await client.CommitProvisioningAsync(timeout.Token)).IsOk);
        }

        await serving.WaitAsync(Bound);
        Assert.Equal(newKey, device.Provisioning.CommittedKey);
        Assert.Equal("CH-0042", device.Provisioning.SerialNumber);
        Assert.Equal(500, device.Provisioning.Settings!.LinkTimeoutMilliseconds);

        // 4. The old key no longer opens a session; the new one does.
        var (console2, deviceEnd2) = InMemoryLinkTransport.CreatePair();
        var serving2 = new LinkServerConnection(device.Server, deviceEnd2).RunAsync(timeout.Token);
        await using (var stale = new ConsoleLinkClient(console2, DeviceRig.Key, new SeededNonceSource(3)))
        {
            await Assert.ThrowsAsync<LinkProtocolException>(() => stale.ConnectAsync(timeout.Token));
        }

        await serving2.WaitAsync(Bound);
        var (console3, deviceEnd3) = InMemoryLinkTransport.CreatePair();
        var serving3 = new LinkServerConnection(device.Server, deviceEnd3).RunAsync(timeout.Token);
        await using (var fresh = new ConsoleLinkClient(console3, newKey, new SeededNonceSource(4)))
        {
            Assert.True((await fresh.ConnectAsync(timeout.Token)).Reply.IsOk);
        }

        await serving3.WaitAsync(Bound);
    }

    [Fact]
    public async Task An_unprovisioned_device_refuses_sessions_with_not_provisioned()
    {
        using var timeout = new CancellationTokenSource(Bound);
        var device = new DeviceRig(provisioned: false);
        var (console, deviceEnd) = InMemoryLinkTransport.CreatePair();
        var serving = new LinkServerConnection(device.Server, deviceEnd).RunAsync(timeout.Token);
        await using (var client = new ConsoleLinkClient(console, DeviceRig.Key, new SeededNonceSource(2)))
        {
            var failure = await Assert.ThrowsAsync<LinkProtocolException>(() => client.ConnectAsync(timeout.Token));
            Assert.Contains(nameof(CommandResult.NotProvisioned), failure.Message, StringComparison.Ordinal);
        }

        await serving.WaitAsync(Bound);
        Assert.Equal(0, device.Control.ActuationCalls);
    }
}
