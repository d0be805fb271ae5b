using System.Collections.Generic;

namespace ChamberFirmware.Differential.Tests;

/// <summary>Trace lines of the .NET run, kept in order.</summary>
internal sealed class ListTrace : ITraceWriter
{
    public List<string> Lines { get; } = new();

    public void WriteLine(string line) => Lines.Add(line);
}
