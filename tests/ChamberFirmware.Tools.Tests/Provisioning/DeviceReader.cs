using System;
using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Client;
using ChamberFirmware.Core.Link;

namespace ChamberFirmware.Tools.Tests.Provisioning;

/// <summary>The test's own console: a session with a key, GetStatus and GetIdentity (throws LinkProtocolException when the key does not open a session).</summary>
internal static class DeviceReader
{
    public static async Task<(StatusReply Status, LinkDeviceInfo Info)> ReadAsync(ProvisioningDevice device, byte[] key)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var transport = await device.ConnectAsync(timeout.Token);
        await using var client = new ConsoleLinkClient(transport, key);
        await client.ConnectAsync(timeout.Token);
        var status = await client.GetStatusAsync(timeout.Token);
        var info = await client.GetIdentityAsync(timeout.Token);
        return (status, info.Info ?? throw new InvalidOperationException("no identity: " + info.Reply.Result));
    }
}
