using System.Collections.Generic;
using System.IO;

namespace DeviceBuild
{
    /// <summary>A device project (*.nfproj) as the nanoFramework project system would build it.</summary>
    internal sealed record NfProject(
        string ProjectFile,
        string AssemblyName,
        bool IsExe,
        IReadOnlyList<string> CompileFiles,
        IReadOnlyList<NfReference> References,
        IReadOnlyList<string> ProjectReferences,
        IReadOnlyList<string> DefineConstants)
    {
        public string Directory => Path.GetDirectoryName(ProjectFile)!;

        public string Name => Path.GetFileNameWithoutExtension(ProjectFile);

        /// <summary>Where the project system writes its outputs: bin/&lt;Configuration&gt;/ beside the project.</summary>
        public string OutputDirectory(string configuration) => Path.Combine(Directory, "bin", configuration);
    }
}
