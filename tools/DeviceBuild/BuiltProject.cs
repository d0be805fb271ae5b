using System.Collections.Generic;

namespace DeviceBuild
{
    /// <summary>A project the run built: its output folder, assembly and the packages its closure uses.</summary>
    internal sealed record BuiltProject(NfProject Project, string OutputDirectory, string AssemblyPath, string PePath, IReadOnlyList<NfReference> Packages);
}
