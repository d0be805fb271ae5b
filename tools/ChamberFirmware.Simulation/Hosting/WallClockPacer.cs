using System;
using System.Threading;
using ChamberFirmware.Simulation.Engine;

namespace ChamberFirmware.Simulation.Hosting;

/// <summary>
/// Holds a synchronously scripted engine back to the wall clock (times the speed factor): after
/// every 10 simulated ms that are ahead of the clock it waits for the next 10 ms tick of a timer on
/// the injected TimeProvider. Cancellation surfaces as OperationCanceledException out of the step.
/// </summary>
public sealed class WallClockPacer : IDisposable
{
    private readonly TimeProvider _time;
    private readonly double _factor;
    private readonly CancellationToken _cancellation;
    private readonly PeriodicTimer _timer;
    private long _start;
    private long _startTicks;

    public WallClockPacer(TimeProvider time, SimulationSpeed speed, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (speed.IsMax)
        {
            throw new ArgumentException("a pacer needs a speed factor, not max", nameof(speed));
        }

        _time = time;
        _factor = speed.Factor;
        _cancellation = cancellation;
        _timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10), time);
    }

    public void Attach(ChamberSimulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        _start = _time.GetTimestamp();
        _startTicks = simulation.Ticks;
        simulation.AfterStep = Pace;
    }

    public void Dispose() => _timer.Dispose();

    private void Pace(ChamberSimulation simulation)
    {
        if (simulation.Ticks % 10 != 0)
        {
            return;
        }

        _cancellation.ThrowIfCancellationRequested();
        while (simulation.Ticks - _startTicks > _time.GetElapsedTime(_start).TotalMilliseconds * _factor)
        {
            if (!_timer.WaitForNextTickAsync(_cancellation).AsTask().GetAwaiter().GetResult())
            {
                return;
            }
        }
    }
}
