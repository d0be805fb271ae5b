using System;

namespace ChamberFirmware.Differential
{
    /// <summary>Trace lines to nanoCLR's standard output.</summary>
    public sealed class ConsoleTrace : ITraceWriter
    {
        public void WriteLine(string line) => Console.WriteLine(line);
    }
}
