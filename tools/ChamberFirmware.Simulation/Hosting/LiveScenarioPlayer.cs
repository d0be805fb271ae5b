using System;
using System.Threading;
using ChamberFirmware.DiagnosticsBridge;
using ChamberFirmware.Simulation.Engine;
using ChamberFirmware.Simulation.Report;
using ChamberFirmware.Simulation.Scenarios;

namespace ChamberFirmware.Simulation.Hosting;

/// <summary>
/// Plays a scripted scenario against the wall clock (times a speed factor) with the diagnostics
/// bridge and field page up, so the page shows the cut as it happens; after the script the
/// firmware keeps running (paced) with the page up until <c>untilMilliseconds</c> of simulated
/// time or cancellation. The script's report is the one a full-speed run gives for the seed.
/// </summary>
public sealed class LiveScenarioPlayer
{
    private readonly TimeProvider _time;

    public LiveScenarioPlayer(TimeProvider time)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>The engine being played (set once it has booted).</summary>
    public ChamberSimulation? Simulation { get; private set; }

    /// <summary>
    /// Plays <paramref name="scenario"/>. <paramref name="onBridge"/> is called with the running
    /// bridge before the script starts, <paramref name="onScriptEnded"/> with the report when the
    /// script is done (the page stays up after it). Returns null when cancelled before the script ended.
    /// </summary>
    public SimulationReport? Play(Scenario scenario, int seed, SimulationSpeed speed, int diagnosticsPort, string? fieldPageFolder,
        long? untilMilliseconds, Action<DiagnosticsWebSocketServer> onBridge, Action<SimulationReport> onScriptEnded, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(onBridge);
        ArgumentNullException.ThrowIfNull(onScriptEnded);
        using var pacer = new WallClockPacer(_time, speed, cancellation);
        DiagnosticsWebSocketServer? bridge = null;
        try
        {
            SimulationReport report;
            try
            {
                report = ScenarioRunner.Run(scenario, seed, null, simulation =>
                {
                    Simulation = simulation;
                    bridge = new DiagnosticsWebSocketServer(new SimulationDiagnosticsReader(simulation), fieldPageFolder, TimeSpan.FromMilliseconds(200));
                    bridge.Start(diagnosticsPort);
                    onBridge(bridge);
                    pacer.Attach(simulation);
                });
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                return null;
            }

            onScriptEnded(report);
            var engine = Simulation!;
            try
            {
                while (!cancellation.IsCancellationRequested && (untilMilliseconds is not { } until || engine.Ticks < until))
                {
                    engine.Step();
                }
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
            }

            engine.AfterStep = null;
            return report;
        }
        finally
        {
            bridge?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
