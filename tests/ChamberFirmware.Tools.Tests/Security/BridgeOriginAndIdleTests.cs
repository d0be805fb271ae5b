using System;
using System.Collections.Generic;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Tasks;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.DiagnosticsBridge;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Security;

/// <summary>
/// Issue 13, finding 5: the live simulator's diagnostics bridge serves only its own page and
/// origin-less local tools, and idle sockets cannot lock everyone out. (The page's refusal of a
/// non-loopback ?ws= runs in headless Chromium: tests/web/e2e.bridge.test.mjs.)
/// </summary>
public sealed class BridgeOriginAndIdleTests
{
    private static async Task<(ClientWebSocket Socket, HttpStatusCode Status)> OpenAsync(Uri uri, string? origin, LiveSimulator sim)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        try
        {
            await socket.ConnectAsync(uri, sim.Deadline);
        }
        catch (WebSocketException)
        {
        }

        return (socket, socket.HttpStatusCode);
    }

    private static async Task<int> ReadIdentityAsync(ClientWebSocket socket, LiveSimulator sim)
    {
        await socket.SendAsync(Encoding.UTF8.GetBytes("read identity"), WebSocketMessageType.Text, true, sim.Deadline);
        var buffer = new byte[512];
        var result = await socket.ReceiveAsync(buffer, sim.Deadline);
        Assert.Equal(WebSocketMessageType.Binary, result.MessageType);
        return buffer[0];
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("http://127.0.0.1:1")]
    [InlineData("null")]
    public async Task A_websocket_from_another_web_origin_gets_403_and_reads_nothing(string origin)
    {
        using var temp = new TempDirectory();
        await using var sim = new LiveSimulator(11, temp.Combine("link.key"), factoryFresh: false, diagnostics: true);
        var (socket, status) = await OpenAsync(sim.Host.DiagnosticsWebSocket!, origin, sim);
        using (socket)
        {
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.NotEqual(WebSocketState.Open, socket.State);
        }

        Assert.Equal(1, sim.Host.Diagnostics!.RefusedOrigins);
        Assert.Equal(0, sim.Host.Diagnostics.ClientCount);
    }

    [Fact]
    public async Task The_bridges_own_page_origin_and_origin_less_local_tools_still_read()
    {
        using var temp = new TempDirectory();
        await using var sim = new LiveSimulator(12, temp.Combine("link.key"), factoryFresh: false, diagnostics: true);
        var bridge = sim.Host.Diagnostics!;
        foreach (string? origin in new[] { null, $"http://127.0.0.1:{bridge.Port}", $"http://localhost:{bridge.Port}" })
        {
            var (socket, status) = await OpenAsync(bridge.WebSocketUri, origin, sim);
            using (socket)
            {
                Assert.Equal(HttpStatusCode.SwitchingProtocols, status);
                Assert.Equal(DiagnosticsCharacteristic.Identity, await ReadIdentityAsync(socket, sim));
            }
        }

        Assert.Equal(0, bridge.RefusedOrigins);
    }

    [Fact]
    public async Task Eight_idle_sockets_lock_others_out_only_until_the_idle_timeout()
    {
        using var temp = new TempDirectory();
        var clock = new ObservedTimeProvider();
        await using var sim = new LiveSimulator(13, temp.Combine("link.key"), factoryFresh: false, time: clock, diagnostics: true);
        var bridge = sim.Host.Diagnostics!;
        var idle = new List<ClientWebSocket>();
        try
        {
            for (int i = 0; i < DiagnosticsWebSocketServer.MaxClients; i++)
            {
                var (socket, status) = await OpenAsync(bridge.WebSocketUri, null, sim);
                Assert.Equal(HttpStatusCode.SwitchingProtocols, status);
                idle.Add(socket);
                await clock.WaitForTimerAsync(bridge.IdleTimeout, sim.Deadline);
            }

            var (locked, lockedStatus) = await OpenAsync(bridge.WebSocketUri, null, sim);
            locked.Dispose();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, lockedStatus);

            clock.Advance(bridge.IdleTimeout);
            foreach (var socket in idle)
            {
                // The bridge aborted each idle client: after any telemetry already pushed, its receive ends.
                await Assert.ThrowsAsync<WebSocketException>(async () =>
                {
                    while (true)
                    {
                        var result = await socket.ReceiveAsync(new byte[512], sim.Deadline);
                        if (result.MessageType == WebSocketMessageType.Close)
                        {
                            throw new WebSocketException("closed");
                        }
                    }
                });
            }

            Assert.Equal(DiagnosticsWebSocketServer.MaxClients, bridge.IdleDisconnects);
            var (fresh, freshStatus) = await OpenAsync(bridge.WebSocketUri, null, sim);
            using (fresh)
            {
                Assert.Equal(HttpStatusCode.SwitchingProtocols, freshStatus);
                Assert.Equal(DiagnosticsCharacteristic.Identity, await ReadIdentityAsync(fresh, sim));
            }
        }
        finally
        {
            foreach (var socket in idle)
            {
                socket.Dispose();
            }
        }
    }
}
