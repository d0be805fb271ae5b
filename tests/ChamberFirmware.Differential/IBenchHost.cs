namespace ChamberFirmware.Differential
{
    /// <summary>What the cost bench needs from its runtime: section marks that time what runs between them, and a place for results.</summary>
    public interface IBenchHost
    {
        /// <summary>
        /// Opens and closes measured sections, alternately; an operation may measure many sections.
        /// Both hosts add up the wall time inside sections. On nanoCLR each mark is also a native
        /// call that callgrind dumps its counters at (tools/DeviceBench), so what ran inside the
        /// sections comes out alone, in instructions and allocations.
        /// </summary>
        void Mark();

        /// <summary>The operation is done: <paramref name="iterations"/> calls measured in <paramref name="sections"/> sections.</summary>
        void Report(string operation, int iterations, int sections);
    }
}
