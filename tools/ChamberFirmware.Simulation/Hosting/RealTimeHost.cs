using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Device;
using ChamberFirmware.DiagnosticsBridge;
using ChamberFirmware.Simulation.Engine;

namespace ChamberFirmware.Simulation.Hosting;

/// <summary>
/// Runs an engine against the wall clock (or as fast as possible) with the console link served on
/// TCP 127.0.0.1 (TcpLinkServerHost feeding the firmware's link loop — ChamberRuntime.HandleLinkFrame
/// and OnLinkTransportClosed, as the board's BLE service does — so tools connect exactly as to a
/// board) and the diagnostics bridge on 127.0.0.1 serving the field page. The engine steps on this
/// thread; the TCP connection calls the runtime's link entry points from its own (the runtime is
/// thread-safe, as on the device: lock order in docs/architecture.md).
/// </summary>
public sealed class RealTimeHost : IAsyncDisposable
{
    private readonly ChamberSimulation _simulation;
    private readonly TimeProvider _time;
    private TcpLinkServerHost? _link;
    private DiagnosticsWebSocketServer? _diagnostics;

    public RealTimeHost(ChamberSimulation simulation, TimeProvider time)
    {
        _simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _simulation.ExternalConsole = true;
    }

    public System.Net.IPEndPoint? LinkEndPoint => _link?.EndPoint;

    /// <summary>The TCP console host (valid after StartServers): its slot deadlines and why connections ended.</summary>
    public TcpLinkServerHost? Link => _link;

    public Uri? DiagnosticsPage => _diagnostics?.PageUri;

    public Uri? DiagnosticsWebSocket => _diagnostics?.WebSocketUri;

    /// <summary>The diagnostics bridge (valid after StartServers with a port).</summary>
    public DiagnosticsWebSocketServer? Diagnostics => _diagnostics;

    /// <summary>Virtual milliseconds stepped per wall second in the last run (throughput).</summary>
    public double TicksPerWallSecond { get; private set; }

    /// <summary>
    /// The technician fits or pulls the provisioning jumper (factory bench). Read by the link
    /// thread on its next frame; a pulled jumper refuses FactoryProvision, every further factory
    /// provisioning step and every Hello under a provisional key (docs/protocol.md).
    /// </summary>
    public void SetProvisioningJumper(bool fitted)
    {
        _simulation.Board.ProvisioningJumperFitted = fitted;
        _simulation.Trace.Add(_simulation.NowMilliseconds, fitted ? "provisioning jumper fitted" : "provisioning jumper removed");
    }

    public bool ProvisioningJumperFitted => _simulation.Board.ProvisioningJumperFitted;

    public void StartServers(int linkPort, int? diagnosticsPort, string? fieldPageFolder)
    {
        if (!_simulation.Setup.CryptographicDeviceNonces)
        {
            // docs/protocol.md: no frame of an earlier boot verifies in a new one. A seeded device
            // nonce comes back after a restart, so a recorded session would replay.
            throw new InvalidOperationException("a simulator that serves its link on a socket needs CSPRNG device nonces (SimulationSetup.CryptographicDeviceNonces)");
        }

        _link = new TcpLinkServerHost(new SimulatedFirmwareLinkEndpoint(_simulation), linkPort, _time, new LinkSlotDeadlines());
        _link.Start();
        if (diagnosticsPort is { } port)
        {
            _diagnostics = new DiagnosticsWebSocketServer(_simulation.Firmware.Diagnostics, fieldPageFolder is not null && Directory.Exists(fieldPageFolder) ? fieldPageFolder : null,
                TimeSpan.FromMilliseconds(200), _time, DiagnosticsWebSocketServer.DefaultIdleTimeout);
            _diagnostics.Start(port);
        }
    }

    /// <summary>
    /// Steps virtual time until <paramref name="durationMilliseconds"/> or cancellation, calling
    /// <paramref name="onFrame"/> about every <paramref name="framePeriod"/> of wall time.
    /// </summary>
    public async Task RunAsync(SimulationSpeed speed, long durationMilliseconds, TimeSpan framePeriod, Action onFrame, CancellationToken cancellationToken)
    {
        long start = _time.GetTimestamp();
        long startTicks = _simulation.Ticks;
        long nextTelemetry = 0;
        using var timer = new PeriodicTimer(speed.IsMax ? framePeriod : TimeSpan.FromMilliseconds(10), _time);
        long lastFrame = start;
        try
        {
            while (!cancellationToken.IsCancellationRequested && _simulation.Ticks - startTicks < durationMilliseconds)
            {
                double wallMs = _time.GetElapsedTime(start).TotalMilliseconds;
                long target = speed.IsMax ? long.MaxValue : startTicks + (long)(wallMs * speed.Factor);
                long end = Math.Min(startTicks + durationMilliseconds, target);
                // At max speed, step in slices so frames and Ctrl+C stay responsive.
                long slice = speed.IsMax ? 50_000 : end - _simulation.Ticks;
                for (long i = 0; i < slice && _simulation.Ticks < end; i++)
                {
                    _simulation.Step();
                }

                if (_link is not null && _simulation.Ticks >= nextTelemetry)
                {
                    nextTelemetry = _simulation.Ticks + 200;
                    _ = _link.SendTelemetryAsync(cancellationToken);
                }

                if (_time.GetElapsedTime(lastFrame) >= framePeriod)
                {
                    lastFrame = _time.GetTimestamp();
                    onFrame();
                }

                if (!speed.IsMax)
                {
                    await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        double seconds = _time.GetElapsedTime(start).TotalSeconds;
        TicksPerWallSecond = seconds > 0 ? (_simulation.Ticks - startTicks) / seconds : 0;
        onFrame();
    }

    public async ValueTask DisposeAsync()
    {
        if (_diagnostics is not null)
        {
            await _diagnostics.DisposeAsync().ConfigureAwait(false);
        }

        if (_link is not null)
        {
            await _link.DisposeAsync().ConfigureAwait(false);
        }
    }
}
