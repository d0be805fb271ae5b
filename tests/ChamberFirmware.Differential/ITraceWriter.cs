namespace ChamberFirmware.Differential
{
    /// <summary>Where the driver writes its trace: one line per tick (Console on nanoCLR, a list on .NET).</summary>
    public interface ITraceWriter
    {
        void WriteLine(string line);
    }
}
