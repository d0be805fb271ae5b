using System;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ChamberCtl.Commands;
using ChamberFirmware.ConsoleLink.Transport;
using ChamberFirmware.Simulation.Engine;
using ChamberFirmware.Simulation.Hosting;

namespace ChamberFirmware.Tools.Tests.Security;

/// <summary>
/// The simulator exactly as <c>chamberctl sim</c> builds and serves it (SimCommand.CreateLiveSimulation
/// + RealTimeHost on 127.0.0.1, free ports), stepping in real time until disposed. Every wait on it is
/// bounded by <see cref="Deadline"/>.
/// </summary>
internal sealed class LiveSimulator : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(60));
    private readonly Task _running;

    public LiveSimulator(int seed, string? keyFile, bool factoryFresh, TimeProvider? time = null, bool diagnostics = false)
    {
        Simulation = SimCommand.CreateLiveSimulation(seed, keyFile, factoryFresh, out _, out _);
        Host = new RealTimeHost(Simulation, time ?? TimeProvider.System);
        Host.StartServers(0, diagnostics ? 0 : null, null);
        _running = Host.RunAsync(SimulationSpeed.RealTime, 600_000, TimeSpan.FromMilliseconds(200), () => { }, _stop.Token);
    }

    public ChamberSimulation Simulation { get; }

    public RealTimeHost Host { get; }

    public CancellationToken Deadline => _stop.Token;

    public int LinkPort => Host.LinkEndPoint!.Port;

    public async Task<(TcpClient Tcp, LengthPrefixedStreamTransport Transport)> ConnectAsync()
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(Host.LinkEndPoint!, Deadline);
        return (tcp, new LengthPrefixedStreamTransport(tcp.GetStream()));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        await Host.DisposeAsync();
        _stop.Dispose();
    }
}
