using BenchmarkDotNet.Attributes;
using ChamberFirmware.Core.Safety;

namespace ChamberFirmware.Benchmarks;

/// <summary>
/// One supervisor period in steady state (armed, four channels leased, fresh samples, heartbeat
/// every fifth tick), driven the way the runtime drives it. Host figure only: the device runs
/// interpreted IL and must be measured on a board (docs/safety.md).
/// </summary>
[MemoryDiagnoser]
public class SupervisorTickBenchmarks
{
    private SafetySupervisor _supervisor = null!;
    private readonly SupervisorInputs _inputs = new() { TemperatureCentiCelsius = 3700 };
    private long _now;
    private long _lastToggle;
    private int _sequence;

    [GlobalSetup]
    public void Setup()
    {
        _supervisor = new SafetySupervisor();
        _now = 1_000_000;
        _lastToggle = long.MinValue / 2;
        for (int i = 0; i < 50; i++) Period(requestEmitters: false);
        if (_supervisor.BeginArm(100_000, 200, 8, _now) != CutReasons.None) throw new System.InvalidOperationException("arm refused");
        for (int i = 0; i < 100; i++) Period(requestEmitters: true);
        if (_supervisor.Mode != SupervisorMode.Ready) throw new System.InvalidOperationException($"not ready: {_supervisor.LatchedReasons}");
    }

    /// <summary>The tick alone (inputs already filled).</summary>
    [Benchmark]
    public int SupervisorTick()
    {
        _now += SafetyTiming.PeriodMicroseconds;
        _inputs.CounterReadMicroseconds = _now;
        _inputs.CounterSequence = ++_sequence;
        _inputs.TemperatureReadMicroseconds = _now;
        _inputs.InterlockPowered = true;
        _supervisor.CheckIn(WatchdogChannel.ControlLoop, _now);
        _supervisor.CheckIn(WatchdogChannel.SensorLoop, _now);
        _supervisor.CheckIn(WatchdogChannel.LinkLoop, _now);
        _supervisor.OnHeartbeat(_now);
        _supervisor.RequestEmitters(0b1111, 100, _now);
        SupervisorOutputs outputs = _supervisor.Tick(_inputs, _now);
        _inputs.EmitterReadbackMask = outputs.EmitterMask;
        return outputs.EmitterMask;
    }

    /// <summary>The figure is only meaningful if the measured ticks were the armed steady state.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        if (_supervisor.Mode != SupervisorMode.Ready) throw new System.InvalidOperationException($"left steady state: {_supervisor.LatchedReasons}");
    }

    private void Period(bool requestEmitters)
    {
        _now += SafetyTiming.PeriodMicroseconds;
        _supervisor.OnHeartbeat(_now);
        _supervisor.CheckIn(WatchdogChannel.ControlLoop, _now);
        _supervisor.CheckIn(WatchdogChannel.SensorLoop, _now);
        _supervisor.CheckIn(WatchdogChannel.LinkLoop, _now);
        if (requestEmitters) _supervisor.RequestEmitters(0b1111, 100, _now);
        _inputs.CounterReadMicroseconds = _now;
        _inputs.CounterSequence = ++_sequence;
        _inputs.Count = 20_000;
        _inputs.TemperatureReadMicroseconds = _now;
        _inputs.InterlockPowered = _now - _lastToggle <= SafetyTiming.InterlockHoldMicroseconds;
        SupervisorOutputs outputs = _supervisor.Tick(_inputs, _now);
        _inputs.EmitterReadbackMask = outputs.EmitterMask;
        if (outputs.ToggleKeepAlive) _lastToggle = _now;
    }
}
