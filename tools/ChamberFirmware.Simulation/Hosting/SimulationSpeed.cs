using System;
using System.Globalization;

namespace ChamberFirmware.Simulation.Hosting;

/// <summary>How fast virtual time runs against the wall clock: a factor (1 = real time) or as fast as possible.</summary>
public readonly record struct SimulationSpeed(double Factor)
{
    public static readonly SimulationSpeed RealTime = new(1);

    public static readonly SimulationSpeed Max = new(double.PositiveInfinity);

    public bool IsMax => double.IsPositiveInfinity(Factor);

    /// <summary>"1", "10", "0.5", "max". Throws FormatException with the accepted forms.</summary>
    public static SimulationSpeed Parse(string text)
    {
        if (string.Equals(text?.Trim(), "max", StringComparison.OrdinalIgnoreCase))
        {
            return Max;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double factor) && factor > 0 && factor <= 100_000 && double.IsFinite(factor))
        {
            return new SimulationSpeed(factor);
        }

        throw new FormatException($"--speed '{text}': give a factor above 0 and up to 100000 (1 = real time, 10 = ten times faster) or 'max'");
    }

    public override string ToString() => IsMax ? "max" : Factor.ToString("0.##", CultureInfo.InvariantCulture) + "x";
}
