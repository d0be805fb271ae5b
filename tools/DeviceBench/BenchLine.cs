namespace DeviceBench
{
    /// <summary>One operation as nanoCLR reported it: calls measured, sections they ran in, wall time per call.</summary>
    internal sealed record BenchLine(int Iterations, int Sections, double MicrosecondsPerCall);
}
