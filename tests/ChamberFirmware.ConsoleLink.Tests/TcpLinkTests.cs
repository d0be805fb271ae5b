using System;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Client;
using ChamberFirmware.ConsoleLink.Device;
using ChamberFirmware.ConsoleLink.Transport;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Treatment;
using Xunit;

namespace ChamberFirmware.ConsoleLink.Tests;

public class TcpLinkTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Console_and_simulated_device_talk_over_loopback_tcp_on_an_ephemeral_port()
    {
        using var timeout = new CancellationTokenSource(Bound);
        var device = new DeviceRig();
        await using var host = new TcpLinkServerHost(device.Server);
        host.Start();
        Assert.NotEqual(0, host.EndPoint.Port);

        var transport = await TcpLinkClientTransport.ConnectAsync(host.EndPoint, timeout.Token);
        var client = new ConsoleLinkClient(transport, DeviceRig.Key, new SeededNonceSource(5));
        Assert.True((await client.ConnectAsync(timeout.Token)).Reply.IsOk);

        for (int i = 0; i < 10; i++)
        {
            await client.SendHeartbeatAsync(timeout.Token);
        }

        var arm = await client.ArmAsync(new TreatmentProfile { TargetCount = 200000, CountLimit = 400000 }, timeout.Token);
        Assert.Equal(CommandResult.Ok, arm.Result);
        Assert.Equal(10, device.Control.HeartbeatCount);
        Assert.Equal(400000, device.Control.LastProfile!.CountLimit);

        var telemetry = new TaskCompletionSource<ChamberStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.TelemetryReceived += (_, s) => telemetry.TrySetResult(s);
        Assert.True(await host.SendTelemetryAsync(timeout.Token));
        Assert.Equal(12345, (await telemetry.Task.WaitAsync(Bound)).Count);

        // The console goes away: the chamber sees link loss once the host notices the close.
        await client.DisposeAsync();
        while (device.Control.LinkDownCount == 0)
        {
            await Task.Yield();
            timeout.Token.ThrowIfCancellationRequested();
        }

        Assert.False(device.Server.IsSessionBound);
    }

    [Fact]
    public async Task An_oversized_record_on_the_stream_is_counted_and_the_host_keeps_serving()
    {
        using var timeout = new CancellationTokenSource(Bound);
        var device = new DeviceRig();
        await using var host = new TcpLinkServerHost(device.Server);
        host.Start();

        using (var raw = new TcpClient())
        {
            await raw.ConnectAsync(host.EndPoint, timeout.Token);
            var stream = raw.GetStream();
            byte[] record = new byte[2 + 1000];
            record[0] = 1000 & 0xFF;
            record[1] = 1000 >> 8;
            await stream.WriteAsync(record, timeout.Token);

            // A Hello after it proves the stream stayed in step.
            await using var transport = new LengthPrefixedStreamTransport(stream);
            byte[] hello = new byte[LinkProtocol.MinFrameSize + LinkProtocol.NonceSize];
            LinkFrame.WriteUnauthenticated(hello, 0, (byte)LinkMessageType.Hello, LinkProtocol.NonceSize);
            await transport.SendAsync(hello, timeout.Token);
            byte[] answer = new byte[LinkProtocol.MaxFrameSize + 1];
            int length = await transport.ReceiveAsync(answer, timeout.Token);
            Assert.Equal((byte)LinkMessageType.HelloChallenge, answer[LinkProtocol.OffsetType]);
            Assert.True(length > 0);
        }

        Assert.Equal(1, device.Server.GetRejectCount(LinkRejectReason.Oversized));

        // The next console is served normally.
        while (host.HasConnection)
        {
            await Task.Yield();
            timeout.Token.ThrowIfCancellationRequested();
        }

        var transport2 = await TcpLinkClientTransport.ConnectAsync(host.EndPoint, timeout.Token);
        await using var client = new ConsoleLinkClient(transport2, DeviceRig.Key, new SeededNonceSource(6));
        Assert.True((await client.ConnectAsync(timeout.Token)).Reply.IsOk);
    }
}
