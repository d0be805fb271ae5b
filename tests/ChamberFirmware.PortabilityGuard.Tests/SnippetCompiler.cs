using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace ChamberFirmware.PortabilityGuard.Tests
{
    /// <summary>
    /// Compiles a C# snippet the way the guarded host projects do (C# 9, nullable off, against the
    /// running .NET) into a dll with a portable PDB beside it, so the guard reads real compiler output.
    /// </summary>
    internal static class SnippetCompiler
    {
        public const string SourceFileName = "Snippet.cs";

        private static readonly Lazy<MetadataReference[]> References = new(() =>
            ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
                .ToArray());

        /// <summary>Returns the path of the compiled dll (its .pdb is next to it).</summary>
        public static string Compile(string source, bool allowUnsafe = false)
        {
            var directory = Path.Combine(Path.GetTempPath(), "portability-guard-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            var sourcePath = Path.Combine(directory, SourceFileName);
            File.WriteAllText(sourcePath, source);

            var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp9), path: sourcePath, encoding: System.Text.Encoding.UTF8);
            var compilation = CSharpCompilation.Create(
                "Snippet",
                new[] { tree },
                References.Value,
                new CSharpCompilationOptions(
                    OutputKind.DynamicallyLinkedLibrary,
                    nullableContextOptions: NullableContextOptions.Disable,
                    allowUnsafe: allowUnsafe,
                    optimizationLevel: OptimizationLevel.Debug));

            var dllPath = Path.Combine(directory, "Snippet.dll");
            using (var dll = File.Create(dllPath))
            using (var pdb = File.Create(Path.Combine(directory, "Snippet.pdb")))
            {
                var result = compilation.Emit(dll, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
                if (!result.Success)
                {
                    throw new InvalidOperationException("snippet does not compile:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
                }
            }

            return dllPath;
        }

        /// <summary>The 1-based line of the first line of <paramref name="source"/> containing <paramref name="marker"/>.</summary>
        public static int LineOf(string source, string marker)
        {
            var lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Contains(marker, StringComparison.Ordinal))
                {
                    return i + 1;
                }
            }

            throw new ArgumentException("marker not in source: " + marker, nameof(marker));
        }
    }
}
