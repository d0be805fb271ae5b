using System.IO;
using System.Reflection.Emit;
using PortabilityGuard;
using Xunit;

namespace ChamberFirmware.PortabilityGuard.Tests
{
    /// <summary>The command line's device mode (<c>--device</c>: IL rules only) and its usage errors.</summary>
    public class ProgramDeviceModeTests
    {
        [Fact]
        public void Device_mode_reports_a_rejected_opcode_and_exits_with_violations()
        {
            var path = EmittedAssembly.SaveOneMethod("DeviceLocalloc", "Emitted.Stack", "Scratch", il =>
            {
                il.Emit(OpCodes.Ldc_I4_8);
                il.Emit(OpCodes.Conv_U);
                il.Emit(OpCodes.Localloc);
                il.Emit(OpCodes.Pop);
            });

            var output = new StringWriter();
            Assert.Equal(Program.ExitViolations, Program.Run(new[] { "--device", path }, output));
            Assert.Contains("portability: Emitted.Stack::Scratch uses localloc at IL_0002 — IL instruction the nanoCLR interpreter rejects", output.ToString(), System.StringComparison.Ordinal);
            Assert.Contains("DeviceLocalloc: 1 portability violation(s)", output.ToString(), System.StringComparison.Ordinal);
        }

        [Fact]
        public void Device_mode_needs_no_allowlist_for_a_clean_assembly()
        {
            // A device build's output references nanoFramework's own APIs; only the IL rules apply.
            var dll = SnippetCompiler.Compile("namespace Snippets { public class Plain { public int Twice(int x) { return x * 2; } } }");
            var output = new StringWriter();
            Assert.Equal(Program.ExitClean, Program.Run(new[] { "--device", dll }, output));
            Assert.Contains("is portable to the stable nanoCLR", output.ToString(), System.StringComparison.Ordinal);
            Assert.Contains("compiled against nanoFramework itself", output.ToString(), System.StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("--device")]
        [InlineData("--device", "--allowlist", "allowlist", "x.dll")]
        [InlineData("--device", "--resolve-in", "ref", "x.dll")]
        [InlineData("--allowlist")]
        [InlineData("--resolve-in", "ref")]
        [InlineData("--unknown")]
        public void Missing_or_conflicting_arguments_are_a_usage_error(params string[] args)
        {
            var output = new StringWriter();
            Assert.Equal(Program.ExitUsage, Program.Run(args, output));
            Assert.StartsWith("portability: ", output.ToString(), System.StringComparison.Ordinal);
            Assert.Contains("Usage: PortabilityGuard --allowlist <directory> [--resolve-in <nanoFramework .dll or folder>]... [<assembly.dll>...] | PortabilityGuard --device <assembly.dll>...", output.ToString(), System.StringComparison.Ordinal);
        }

        [Fact]
        public void A_missing_or_unreadable_assembly_fails_with_its_name()
        {
            var missing = Path.Combine(Path.GetTempPath(), "portability-guard-tests", "no-such.dll");
            var notAssembly = Path.Combine(Path.GetTempPath(), "portability-guard-tests", System.Guid.NewGuid().ToString("N") + ".dll");
            Directory.CreateDirectory(Path.GetDirectoryName(notAssembly)!);
            File.WriteAllText(notAssembly, "not a PE file");

            var output = new StringWriter();
            Assert.Equal(Program.ExitViolations, Program.Run(new[] { "--device", missing, notAssembly }, output));
            Assert.Contains("portability: assembly not found: " + missing, output.ToString(), System.StringComparison.Ordinal);
            Assert.Contains("portability: cannot read " + notAssembly, output.ToString(), System.StringComparison.Ordinal);
        }
    }
}
