using System;
using System.Collections.Generic;

namespace ChamberFirmware.Differential.Tests;

/// <summary>Compares two traces line by line and names the first tick where they part.</summary>
internal static class TraceComparison
{
    /// <summary>Null when equal; otherwise "SCENARIO tick N: .NET 'A' but nanoCLR 'B'".</summary>
    public static string FirstDifference(IReadOnlyList<string> dotnet, IReadOnlyList<string> nanoClr)
    {
        int count = Math.Min(dotnet.Count, nanoClr.Count);
        for (int i = 0; i < count; i++)
        {
            if (dotnet[i] != nanoClr[i])
            {
                return Where(dotnet[i]) + ": .NET '" + dotnet[i] + "' but nanoCLR '" + nanoClr[i] + "'";
            }
        }

        if (dotnet.Count != nanoClr.Count)
        {
            return "after line " + count + ": .NET wrote " + dotnet.Count + " lines, nanoCLR " + nanoClr.Count;
        }

        return null;
    }

    private static string Where(string line)
    {
        string[] parts = line.Split(',');
        return parts.Length > 1 && parts[1] != "cmd" ? parts[0] + " tick " + parts[1] : parts[0] + " command";
    }
}
