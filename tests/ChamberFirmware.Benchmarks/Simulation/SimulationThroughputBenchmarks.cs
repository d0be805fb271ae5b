using BenchmarkDotNet.Attributes;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Simulation.Engine;
using ChamberFirmware.Simulation.Scenarios;

namespace ChamberFirmware.Benchmarks.Simulation;

/// <summary>
/// Simulator throughput: one operation = 1 000 simulated ticks (1 ms each: plant step, invariant
/// check; the supervisor every 10, control every 20, heartbeat every 50, link loop every 100).
/// Ticks per wall second = 1 000 / mean. Two states: an Active treatment holding its target (the
/// busy case: emitters, closed loop, heartbeats with HMAC) and Idle with no console.
/// </summary>
[MemoryDiagnoser]
public class SimulationThroughputBenchmarks
{
    public const int TicksPerOperation = 1_000;

    private ChamberSimulation _active = null!;
    private ChamberSimulation _idle = null!;

    [GlobalSetup]
    public void Setup()
    {
        StartActive();
        _idle = new ChamberSimulation(new SimulationSetup { Seed = 2 });
        _idle.AdvanceMilliseconds(1_000);
    }

    /// <summary>Keeps the busy case busy: a session lasts 30 min of simulated time at most.</summary>
    [IterationSetup(Target = nameof(ActiveTreatment))]
    public void KeepActive()
    {
        if (_active.Observe().State != ChamberState.Active || _active.NowMilliseconds > 1_000_000)
        {
            StartActive();
        }
    }

    private void StartActive()
    {
        _active = new ChamberSimulation(new SimulationSetup { Seed = 1 });
        ScenarioScript.StartTreatment(_active, ScenarioScript.StandardProfile(durationMilliseconds: 1_800_000));
        _active.AdvanceMilliseconds(15_000);
        if (_active.State != ChamberState.Active)
        {
            throw new System.InvalidOperationException($"benchmark set-up: expected Active, got {_active.State}");
        }
    }

    [Benchmark(Description = "1000 ticks, Active treatment")]
    public void ActiveTreatment() => _active.AdvanceMilliseconds(TicksPerOperation);

    [Benchmark(Description = "1000 ticks, Idle")]
    public void Idle() => _idle.AdvanceMilliseconds(TicksPerOperation);
}
