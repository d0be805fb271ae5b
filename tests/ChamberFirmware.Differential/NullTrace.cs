namespace ChamberFirmware.Differential
{
    /// <summary>A trace that keeps nothing (the bench's rig).</summary>
    public sealed class NullTrace : ITraceWriter
    {
        public void WriteLine(string line)
        {
        }
    }
}
