using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using ChamberFirmware.Core.Tests.Diagnostics;
using ChamberFirmware.Hal.Sensors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Abstractions;

namespace ChamberFirmware.Core.Tests.Safety;

/// <summary>
/// The conformance test must catch a supervisor whose clear ignores one blocker (issue 15): this
/// applies docs/model/planted-clear-bug.patch (the clear ignoring LinkLost) to a copy of
/// firmware/Shared, compiles that core in memory, loads it with a fresh copy of this test
/// assembly in a load context of its own, and runs ModelConformanceTests there: every trace
/// must fail at its first clear the link blocks, and the planted-bug counterexample must fail
/// too. In memory, not a second `dotnet build` + `dotnet test` of a repository copy, so that it
/// costs seconds in every CI run (docs/safety.md, "Conformance with the C# code").
/// </summary>
public sealed class PlantedClearBugTests
{
    private const int LinkLost = 8;

    private readonly ITestOutputHelper _output;

    public PlantedClearBugTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void The_conformance_test_fails_at_the_first_clear_the_link_blocks_when_the_clear_ignores_the_link_blocker()
    {
        string root = GoldenFixture.RepoRoot();
        DirectoryInfo copy = Directory.CreateTempSubdirectory("planted-clear-bug-");
        try
        {
            string patched = ApplyPlantedBug(root, copy.FullName);
            Assert.DoesNotContain("_link.ClearBlockers", patched); // the bug is in: no silent no-op patch

            var context = new PatchedCoreLoadContext(Compile(copy.FullName), AppContext.BaseDirectory);
            try
            {
                Assembly tests = context.LoadFromAssemblyPath(typeof(PlantedClearBugTests).Assembly.Location);
                Type conformance = tests.GetType(typeof(ModelConformanceTests).FullName!, throwOnError: true)!;
                Assembly core = context.LoadFromAssemblyName(new AssemblyName("ChamberFirmware.Core"));
                Assert.NotSame(typeof(Core.Safety.SafetySupervisor).Assembly, core);
                Assert.Equal(string.Empty, core.Location); // the in-memory build, not the one on disk
                object instance = Activator.CreateInstance(conformance)!;

                int failedSeeds = 0;
                for (int seed = 1; seed <= 8; seed++)
                {
                    int? line = FirstClearBlockedByTheLink($"seed-{seed}.txt");
                    string? failure = Run(instance, nameof(ModelConformanceTests.The_supervisor_and_the_link_follow_the_model_along_its_simulation), seed);
                    if (line is null)
                    {
                        Assert.True(failure is null, $"seed {seed}: {failure}");
                        continue;
                    }

                    Assert.True(failure is not null, $"seed {seed}: the planted bug passed the conformance test (first link-blocked clear on line {line})");
                    Assert.Contains($"line {line}: TryClear", failure);
                    _output.WriteLine($"seed {seed}: {failure.Split('\n')[0]}");
                    failedSeeds++;
                }

                Assert.True(failedSeeds >= 1, "no trace has a clear the link blocks");
                Assert.NotNull(Run(instance, nameof(ModelConformanceTests.The_supervisor_refuses_the_clear_the_buggy_model_accepts)));
            }
            finally
            {
                context.Unload();
            }
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    /// <summary>Copies firmware/Shared and applies the patch with git (as docs/safety.md tells a person to); returns the patched file.</summary>
    private static string ApplyPlantedBug(string root, string copy)
    {
        string shared = Path.Combine(root, "firmware", "Shared");
        foreach (string file in Directory.EnumerateFiles(shared, "*.cs", SearchOption.AllDirectories))
        {
            string to = Path.Combine(copy, Path.GetRelativePath(root, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        var git = new ProcessStartInfo("git") { WorkingDirectory = copy, RedirectStandardOutput = true, RedirectStandardError = true };
        git.ArgumentList.Add("apply");
        git.ArgumentList.Add(Path.Combine(root, "docs", "model", "planted-clear-bug.patch"));
        // Not inside any repository: git apply then patches the folder like patch(1), paths from its root.
        git.Environment["GIT_CEILING_DIRECTORIES"] = Path.GetDirectoryName(copy)!;
        using Process process = Process.Start(git)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "docs/model/planted-clear-bug.patch no longer applies: " + output);
        return File.ReadAllText(Path.Combine(copy, "firmware", "Shared", "Safety", "SupervisorStateMachine.cs"));
    }

    /// <summary>The core as its host project builds it (C# 9, no nullable), against the HAL and the runtime.</summary>
    private static byte[] Compile(string copy)
    {
        var parse = new CSharpParseOptions(LanguageVersion.CSharp9);
        IEnumerable<SyntaxTree> sources = Directory.EnumerateFiles(Path.Combine(copy, "firmware", "Shared"), "*.cs", SearchOption.AllDirectories)
            .Select(file => CSharpSyntaxTree.ParseText(File.ReadAllText(file), parse, file));
        IEnumerable<MetadataReference> references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
            .Append(typeof(SensorReadStatus).Assembly.Location)
            .Select(path => MetadataReference.CreateFromFile(path));
        CSharpCompilation compilation = CSharpCompilation.Create("ChamberFirmware.Core", sources, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return image.ToArray();
    }

    /// <summary>Runs one conformance test method in the planted context; returns its failure message, or null when it passed.</summary>
    private static string? Run(object instance, string method, params object[] arguments)
    {
        try
        {
            instance.GetType().GetMethod(method)!.Invoke(instance, arguments);
            return null;
        }
        catch (TargetInvocationException failed)
        {
            return failed.InnerException!.Message;
        }
    }

    /// <summary>The line of the trace's first clear whose blockers include LinkLost (where the buggy C# first differs), or null.</summary>
    private static int? FirstClearBlockedByTheLink(string trace)
    {
        string[] lines = File.ReadAllLines(Path.Combine(GoldenFixture.RepoRoot(), "docs", "model", "traces", trace));
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length > 0)
            {
                ModelTraceStep step = ModelTraceStep.Parse(lines[i], i + 1);
                if (step.Kind == "clear" && (step.Arg("still") & LinkLost) != 0)
                {
                    return i + 1;
                }
            }
        }

        return null;
    }
}
