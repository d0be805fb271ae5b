using System.Collections.Generic;

namespace PortabilityGuard
{
    /// <summary>The outcome of guarding one assembly.</summary>
    public sealed record CheckResult(
        string AssemblyName,
        IReadOnlyList<Violation> Violations,
        int TypeCount,
        int MethodCount,
        int ExternalReferenceCount,
        bool HasSymbols)
    {
        public bool IsPortable => Violations.Count == 0;
    }
}
