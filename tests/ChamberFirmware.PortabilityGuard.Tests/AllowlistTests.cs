using PortabilityGuard;
using Xunit;

namespace ChamberFirmware.PortabilityGuard.Tests
{
    /// <summary>The allowlist format is fixed; bad lines are errors, never silently ignored.</summary>
    public class AllowlistTests
    {
        [Fact]
        public void Well_formed_lines_comments_and_blank_lines_are_read()
        {
            var allowlist = Allowlist.FromLines("a.txt", new[]
            {
                "# comment",
                string.Empty,
                "type System.Object nanoFramework.CoreLibrary",
                "member\tSystem.Math::Abs(System.Int32)   nanoFramework.System.Math",
            });

            Assert.Empty(allowlist.Errors);
            Assert.True(allowlist.IsTypeAllowed("System.Object"));
            Assert.True(allowlist.IsMemberAllowed("System.Math::Abs(System.Int32)"));
            Assert.True(allowlist.IsTypeAllowed("System.Math")); // implied by a listed member
            Assert.False(allowlist.IsMemberAllowed("System.Math::Abs(System.Int64)"));
        }

        [Fact]
        public void Malformed_line_is_reported_with_file_and_line()
        {
            var allowlist = Allowlist.FromLines("bad.txt", new[] { "# header", "type System.Object" });

            var error = Assert.Single(allowlist.Errors);
            Assert.StartsWith("portability: bad.txt:2: malformed allowlist line", error, System.StringComparison.Ordinal);
            Assert.False(allowlist.IsTypeAllowed("System.Object"));
        }

        [Fact]
        public void Unknown_kind_is_reported()
        {
            var allowlist = Allowlist.FromLines("bad.txt", new[] { "method System.Object::ToString() nanoFramework.CoreLibrary" });
            Assert.Contains("unknown kind 'method'", Assert.Single(allowlist.Errors), System.StringComparison.Ordinal);
        }

        [Fact]
        public void Package_that_is_not_a_nanoFramework_package_is_reported()
        {
            var allowlist = Allowlist.FromLines("bad.txt", new[] { "member System.IO.File::ReadAllText(System.String) System.IO.FileSystem" });

            var error = Assert.Single(allowlist.Errors);
            Assert.Contains("bad.txt:1: package 'System.IO.FileSystem' is not a nanoFramework.* package", error, System.StringComparison.Ordinal);
            Assert.False(allowlist.IsMemberAllowed("System.IO.File::ReadAllText(System.String)"));
        }

        [Fact]
        public void Repository_allowlist_has_no_errors()
        {
            var allowlist = Allowlist.LoadDirectory(RepositoryPaths.Allowlist);
            Assert.Empty(allowlist.Errors);
            Assert.True(allowlist.Count > 100);
        }

        [Fact]
        public void Tool_exits_non_zero_on_a_malformed_allowlist()
        {
            var directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "portability-guard-tests", System.Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(directory);
            System.IO.File.WriteAllText(System.IO.Path.Combine(directory, "bad.txt"), "type System.Object NuGet.Something\n");
            var dll = SnippetCompiler.Compile("namespace Snippets { public class Empty { } }");

            Assert.Equal(Program.ExitViolations, Program.Main(new[] { "--allowlist", directory, dll }));
            Assert.Equal(Program.ExitClean, Program.Main(new[] { "--allowlist", RepositoryPaths.Allowlist, dll }));
            Assert.Equal(Program.ExitUsage, Program.Main(System.Array.Empty<string>()));
        }
    }
}
