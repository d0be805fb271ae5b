using System;
using ChamberFirmware.Hal.Gpio;

namespace ChamberFirmware.Hal.Simulated.Interlock
{

/// <summary>The keep-alive line. Each toggle is an edge to the hold circuit unless the line is stuck.</summary>
public sealed class SimulatedKeepAliveOutput : IKeepAliveOutput
{
    private readonly Action _onEdge;

    /// <param name="onEdge">Called for every edge that really reaches the hold circuit.</param>
    public SimulatedKeepAliveOutput(Action onEdge)
    {
        _onEdge = onEdge ?? throw new ArgumentNullException(nameof(onEdge));
    }

    public bool Level { get; private set; }

    public long ToggleCount { get; private set; }

    public bool Stuck { get; set; }

    public void Toggle()
    {
        ToggleCount++;
        if (Stuck)
        {
            return;
        }

        Level = !Level;
        _onEdge();
    }
}
}
