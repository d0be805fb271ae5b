using System;
using ChamberFirmware.Hal.Gpio;

namespace ChamberFirmware.Hal.Simulated.Gpio
{

/// <summary>
/// A push-pull output line. Remembers the level written (reset: low, as the board's pull-downs
/// hold it) and counts every write, so tests can check that drivers write only on change.
/// <see cref="BeforeChange"/> and <see cref="AfterChange"/> let the chamber bring the plant up to
/// the moment of a change and then re-evaluate what is powered.
/// </summary>
public sealed class SimulatedOutputPin : IDigitalOutput
{
    public SimulatedOutputPin(string name)
    {
        Name = name;
    }

    public string Name { get; }

    /// <summary>Level last written.</summary>
    public bool Level { get; private set; }

    public long WriteCount { get; private set; }

    /// <summary>Writes that changed the level.</summary>
    public long ChangeCount { get; private set; }

    public Action? BeforeChange { get; set; }

    public Action? AfterChange { get; set; }

    public void Write(bool high)
    {
        WriteCount++;
        if (high == Level)
        {
            return;
        }

        BeforeChange?.Invoke();
        Level = high;
        ChangeCount++;
        AfterChange?.Invoke();
    }

    public override string ToString() => $"{Name}={(Level ? "high" : "low")}";
}
}
