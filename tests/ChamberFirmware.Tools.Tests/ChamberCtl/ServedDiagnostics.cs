using System;
using System.Threading.Tasks;
using ChamberCtl.Commands;
using ChamberCtl.Provisioning;
using ChamberFirmware.ConsoleLink.Ble;
using ChamberFirmware.ConsoleLink.Device;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.DiagnosticsBridge;
using ChamberFirmware.Tools.Tests.Ble;
using Xunit;

namespace ChamberFirmware.Tools.Tests.ChamberCtl;

/// <summary>
/// A chamber's diagnostics served the two ways <c>chamberctl diag --target</c> reads them: the
/// simulator's WebSocket bridge ("ws") or the diagnostics GATT service of the stand-in BlueZ on a
/// private bus ("ble", ReadValue per characteristic), from the same reader. <see cref="RunDiag"/>
/// runs diag in-process against it, so one test body covers both.
/// </summary>
internal sealed class ServedDiagnostics : IAsyncDisposable
{
    public const string BleAddress = "C0:FF:EE:00:00:42";

    private readonly DiagnosticsWebSocketServer? _bridge;
    private readonly TcpLinkServerHost? _linkHost;

    private ServedDiagnostics(DiagnosticsWebSocketServer? bridge, TcpLinkServerHost? linkHost, BlueZStandIn? blueZ, string target, string? linkTarget)
    {
        _bridge = bridge;
        _linkHost = linkHost;
        BlueZ = blueZ;
        Target = target;
        LinkTarget = linkTarget;
    }

    /// <summary>The chamber's console link when one was given: tcp:127.0.0.1:PORT beside the bridge, or the same ble:ADDRESS.</summary>
    public string? LinkTarget { get; }

    public static TheoryData<string> Transports => new() { "ws", "ble" };

    /// <summary>What to pass to --target: the bridge's page URL (http://127.0.0.1:PORT/), or ble:ADDRESS.</summary>
    public string Target { get; }

    public BlueZStandIn? BlueZ { get; }

    /// <summary>The link loop of a diagnostics-only chamber over BLE: what diag wrote to it (nothing, it is read-only).</summary>
    public DiagnosticsOnlyLinkEndpoint DiagnosticsOnly { get; } = new();

    /// <param name="link">The board's link loop behind the stand-in (null: a diagnostics-only chamber, <see cref="DiagnosticsOnly"/>).</param>
    public static async Task<ServedDiagnostics> StartAsync(string transport, IDiagnosticsReader reader, string advertisedName, Func<IDeviceLinkEndpoint>? link = null)
    {
        if (transport == "ws")
        {
            var bridge = new DiagnosticsWebSocketServer(reader, staticRoot: null, TimeSpan.FromMilliseconds(20));
            bridge.Start();
            TcpLinkServerHost? host = null;
            if (link is not null)
            {
                host = new TcpLinkServerHost(link());
                host.Start();
            }

            // The page's URL; diag finds the socket behind it.
            return new ServedDiagnostics(bridge, host, null, bridge.HttpUri.ToString(), host is null ? null : "tcp:127.0.0.1:" + host.EndPoint.Port);
        }

        ServedDiagnostics? served = null;
        var blueZ = await BlueZStandIn.StartAsync(new StandInChamber(BleAddress, () => advertisedName,
            link ?? (() => served!.DiagnosticsOnly), () => reader));
        served = new ServedDiagnostics(null, null, blueZ, "ble:" + BleAddress, link is null ? null : "ble:" + BleAddress);
        return served;
    }

    /// <summary>Runs <c>chamberctl diag --target TARGET [extra]</c> off the test's thread, bounded.</summary>
    public Task<CliRun> RunDiag(params string[] extra) => Task.Run(() => BlueZ is null
            ? CliRun.Of(["diag", "--target", Target, .. extra])
            : CliRun.Of(DiagCommand.Create(BlueZ.Options(TimeProvider.System)), ["diag", "--target", Target, .. extra]))
        .WaitAsync(TimeSpan.FromSeconds(60));

    /// <summary>Runs <c>chamberctl provision --target LINK [args]</c> against this chamber's link, off the test's thread, bounded.</summary>
    public Task<CliRun> RunProvision(params string[] args) => Task.Run(() => BlueZ is null
            ? CliRun.Of(["provision", "--target", LinkTarget!, .. args])
            : CliRun.Of(ProvisionCommand.Create(t => t.Connector(BlueZ.Options(TimeProvider.System)), new RandomLinkKeyGenerator(), TimeProvider.System), ["provision", "--target", LinkTarget!, .. args]))
        .WaitAsync(TimeSpan.FromSeconds(60));

    public async ValueTask DisposeAsync()
    {
        if (_linkHost is not null)
        {
            await _linkHost.DisposeAsync();
        }

        if (_bridge is not null)
        {
            await _bridge.DisposeAsync();
        }

        if (BlueZ is not null)
        {
            await BlueZ.DisposeAsync();
        }
    }
}
