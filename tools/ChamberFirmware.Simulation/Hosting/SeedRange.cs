using System;
using System.Globalization;

namespace ChamberFirmware.Simulation.Hosting;

/// <summary>--seeds A..B (inclusive) or a single seed N.</summary>
public readonly record struct SeedRange(int First, int Last)
{
    public int Count => Last - First + 1;

    public static SeedRange Parse(string text)
    {
        string t = (text ?? string.Empty).Trim();
        int dots = t.IndexOf("..", StringComparison.Ordinal);
        string a = dots < 0 ? t : t[..dots];
        string b = dots < 0 ? t : t[(dots + 2)..];
        if (int.TryParse(a, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int first)
            && int.TryParse(b, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int last)
            && last >= first && (long)last - first < 10_000_000)
        {
            return new SeedRange(first, last);
        }

        throw new FormatException($"--seeds '{text}': give A..B with A ≤ B (e.g. 1..20), or one seed");
    }

    public override string ToString() => $"{First}..{Last}";
}
