using System;
using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Client;
using ChamberFirmware.ConsoleLink.Device;
using ChamberFirmware.ConsoleLink.Transport;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Treatment;
using Xunit;

namespace ChamberFirmware.ConsoleLink.Tests;

public sealed class ConsoleLinkClientTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly CancellationTokenSource _timeout = new(Bound);
    private readonly DeviceRig _device = new();
    private InMemoryLinkTransport _consoleEnd = null!;
    private LinkServerConnection _connection = null!;
    private Task _serving = Task.CompletedTask;

    private CancellationToken Token => _timeout.Token;

    public Task InitializeAsync()
    {
        var (console, device) = InMemoryLinkTransport.CreatePair();
        _consoleEnd = console;
        _connection = new LinkServerConnection(_device.Server, device);
        _serving = _connection.RunAsync(Token);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _consoleEnd.DisposeAsync();
        await _serving.WaitAsync(Bound);
        _timeout.Dispose();
    }

    [Fact]
    public async Task Connect_then_heartbeats_on_the_ticker_reach_the_chamber()
    {
        await using var client = new ConsoleLinkClient(_consoleEnd, DeviceRig.Key, new SeededNonceSource(1));
        var confirm = await client.ConnectAsync(Token);
        Assert.Equal(CommandResult.Ok, confirm.Reply.Result);
        Assert.Equal(12345, confirm.Status.Count);

        var ticker = new ManualLinkTicker();
        Task loop = client.RunHeartbeatsAsync(ticker, Token);
        ticker.Tick(20);
        ticker.Stop();
        await loop.WaitAsync(Bound);

        // Frames are processed in order: once the status reply is back, every heartbeat has landed.
        await client.GetStatusAsync(Token);
        Assert.Equal(20, _device.Control.HeartbeatCount);
        Assert.Equal(20, client.HeartbeatsSent);
    }

    [Fact]
    public async Task Commands_return_typed_results_with_their_details()
    {
        await using var client = new ConsoleLinkClient(_consoleEnd, DeviceRig.Key, new SeededNonceSource(1));
        await client.ConnectAsync(Token);

        _device.Control.NextResult = CommandResult.ProfileRejected;
        _device.Control.RejectedProfileField = ProfileField.Duration;
        var arm = await client.ArmAsync(new TreatmentProfile { TargetCount = 5000, DurationMilliseconds = 999 }, Token);
        Assert.Equal((CommandResult.ProfileRejected, ProfileField.Duration), (arm.Result, arm.RejectedProfileField));
        Assert.Equal(999, _device.Control.LastProfile!.DurationMilliseconds);

        _device.Control.NextResult = CommandResult.ClearRefused;
        _device.Control.StillPresent = Core.Safety.CutReasons.SensorFault;
        var clear = await client.ClearFaultAsync(Token);
        Assert.Equal(Core.Safety.CutReasons.SensorFault, clear.StillPresent);

        _device.Control.NextResult = CommandResult.Ok;
        Assert.True((await client.StartAsync(Token)).IsOk);
        Assert.True((await client.StopAsync(Token)).IsOk);
        Assert.True((await client.SetSettingsAsync(new ChamberSettings { RearmHeartbeats = 7 }, Token)).IsOk);
        Assert.Equal(7, _device.Control.LastSettings!.RearmHeartbeats);

        _device.Control.State = ChamberState.Completed;
        var status = await client.GetStatusAsync(Token);
        Assert.Equal(ChamberState.Completed, status.Status.State);
        Assert.Equal(0, client.RejectedFrames);
    }

    [Fact]
    public async Task Telemetry_from_the_device_is_authenticated_and_delivered()
    {
        await using var client = new ConsoleLinkClient(_consoleEnd, DeviceRig.Key, new SeededNonceSource(1));
        await client.ConnectAsync(Token);
        var received = new TaskCompletionSource<ChamberStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.TelemetryReceived += (_, status) => received.TrySetResult(status);
        _device.Control.State = ChamberState.Active;

        Assert.True(await _connection.SendTelemetryAsync(Token));
        var telemetry = await received.Task.WaitAsync(Bound);
        Assert.Equal(ChamberState.Active, telemetry.State);
        Assert.Same(telemetry, client.LatestStatus);
    }

    [Fact]
    public async Task A_console_with_the_wrong_key_cannot_open_a_session()
    {
        await using var client = new ConsoleLinkClient(_consoleEnd, DeviceRig.CreateKey(8), new SeededNonceSource(1));
        var failure = await Assert.ThrowsAsync<LinkProtocolException>(() => client.ConnectAsync(Token));
        Assert.Contains("does not hold this key", failure.Message, StringComparison.Ordinal);
        Assert.False(_device.Server.IsSessionBound);
    }

    [Fact]
    public async Task Closing_the_console_end_is_link_loss_for_the_chamber()
    {
        var client = new ConsoleLinkClient(_consoleEnd, DeviceRig.Key, new SeededNonceSource(1));
        await client.ConnectAsync(Token);
        await client.DisposeAsync();
        await _serving.WaitAsync(Bound);
        Assert.Equal(1, _device.Control.LinkDownCount);
        Assert.False(_device.Server.IsSessionBound);
    }
}
