using System;
using ChamberFirmware.Hal.Gpio;

namespace ChamberFirmware.Hal.Simulated.Gpio
{

/// <summary>An input line that reads a signal of the simulated board, unless a fault makes it lie.</summary>
public sealed class SimulatedInputPin : IDigitalInput
{
    private readonly SignalSource _signal;
    private readonly SignalSource? _echo;

    /// <param name="signal">The true level of the line.</param>
    /// <param name="echo">What the line shows under <see cref="InputPinFault.Echo"/> (null: the fault is not possible).</param>
    public SimulatedInputPin(string name, SignalSource signal, SignalSource? echo = null)
    {
        Name = name;
        _signal = signal ?? throw new ArgumentNullException(nameof(signal));
        _echo = echo;
    }

    public string Name { get; }

    public InputPinFault Fault { get; private set; }

    public long ReadCount { get; private set; }

    public void SetFault(InputPinFault fault)
    {
        if (fault == InputPinFault.Echo && _echo is null)
        {
            throw new InvalidOperationException($"{Name} has no echo source");
        }

        Fault = fault;
    }

    /// <summary>The level the line really has, whatever the fault.</summary>
    public bool TrueLevel => _signal();

    public bool Read()
    {
        ReadCount++;
        return Fault switch
        {
            InputPinFault.StuckLow => false,
            InputPinFault.StuckHigh => true,
            InputPinFault.Echo => _echo!(),
            _ => _signal(),
        };
    }
}
}
