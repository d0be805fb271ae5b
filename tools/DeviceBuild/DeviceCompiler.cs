using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;

namespace DeviceBuild
{
    /// <summary>
    /// Compiles one device project with the settings of the nanoFramework project system
    /// (NFProjectSystem.Default.props): C# 9, NANOFRAMEWORK_1_0 plus DEBUG;TRACE or TRACE, no standard
    /// library (only mscorlib and the references given), no unsafe code, deterministic.
    /// </summary>
    internal static class DeviceCompiler
    {
        public static IReadOnlyList<DeviceBuildError> Compile(
            string repositoryRoot,
            NfProject project,
            string configuration,
            IReadOnlyList<string> referencePaths,
            string outputDll,
            out int warningCount)
        {
            var debug = configuration == "Debug";
            var symbols = new List<string> { "NANOFRAMEWORK_1_0", "TRACE" };
            if (debug)
            {
                symbols.Add("DEBUG");
            }

            symbols.AddRange(project.DefineConstants);
            var parse = new CSharpParseOptions(LanguageVersion.CSharp9, DocumentationMode.Parse, SourceCodeKind.Regular, symbols.Distinct(StringComparer.Ordinal));
            var trees = project.CompileFiles
                .Select(f => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(f), Encoding.UTF8), parse, NfProjectReader.Relative(repositoryRoot, f)))
                .ToList();

            var options = new CSharpCompilationOptions(
                project.IsExe ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: debug ? OptimizationLevel.Debug : OptimizationLevel.Release,
                allowUnsafe: false,
                deterministic: true,
                nullableContextOptions: NullableContextOptions.Disable,
                warningLevel: 4,
                concurrentBuild: false);
            var compilation = CSharpCompilation.Create(
                project.AssemblyName,
                trees,
                referencePaths.Select(p => MetadataReference.CreateFromFile(p)),
                options);

            Directory.CreateDirectory(Path.GetDirectoryName(outputDll)!);
            var pdb = Path.ChangeExtension(outputDll, ".pdb");
            EmitResult result;
            using (var dll = new MemoryStream())
            using (var symbolsStream = new MemoryStream())
            {
                result = compilation.Emit(dll, symbolsStream, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb, pdbFilePath: Path.GetFileName(pdb)));
                if (result.Success)
                {
                    File.WriteAllBytes(outputDll, dll.ToArray());
                    File.WriteAllBytes(pdb, symbolsStream.ToArray());
                }
            }

            warningCount = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
            return result.Diagnostics
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d => ToError(d, project, repositoryRoot))
                .ToList();
        }

        private static DeviceBuildError ToError(Diagnostic diagnostic, NfProject project, string repositoryRoot)
        {
            if (diagnostic.Location.IsInSource)
            {
                var span = diagnostic.Location.GetLineSpan();
                return new DeviceBuildError(span.Path, span.StartLinePosition.Line + 1, diagnostic.Id, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            }

            return new DeviceBuildError(NfProjectReader.Relative(repositoryRoot, project.ProjectFile), 0, diagnostic.Id, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
