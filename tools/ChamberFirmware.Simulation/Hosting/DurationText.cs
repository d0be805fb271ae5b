using System;
using System.Globalization;

namespace ChamberFirmware.Simulation.Hosting;

/// <summary>Durations on the command line: 500ms, 30s, 5m, 1h (a bare number is seconds).</summary>
public static class DurationText
{
    public static long ParseMilliseconds(string text)
    {
        string t = (text ?? string.Empty).Trim().ToLowerInvariant();
        (string number, long unit) = t switch
        {
            _ when t.EndsWith("ms", StringComparison.Ordinal) => (t[..^2], 1L),
            _ when t.EndsWith('s') => (t[..^1], 1_000L),
            _ when t.EndsWith('m') => (t[..^1], 60_000L),
            _ when t.EndsWith('h') => (t[..^1], 3_600_000L),
            _ => (t, 1_000L),
        };
        if (long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out long value) && value > 0 && value <= long.MaxValue / unit / 1000)
        {
            return value * unit;
        }

        throw new FormatException($"--duration '{text}': give a positive whole number with a unit, e.g. 500ms, 30s, 5m, 1h");
    }
}
