using System.Collections.Generic;

namespace DeviceBuild
{
    /// <summary>What one nanoCLR test run reported: the tests that passed, the failure lines, and why the run itself failed, if it did.</summary>
    public sealed record NanoClrTestResult(IReadOnlyList<string> Passed, IReadOnlyList<string> Failed, string? Problem, IReadOnlyList<string> Output)
    {
        public bool Succeeded => Problem is null && Failed.Count == 0;
    }
}
