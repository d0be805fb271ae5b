using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace ChamberFirmware.PortabilityGuard.Tests
{
    /// <summary>
    /// The two builds stay apart and complete: nf.proj builds every nanoFramework project and the
    /// solution holds only projects the plain .NET SDK builds.
    /// </summary>
    public class BuildLayoutTests
    {
        private static string[] TrackedFiles(string pattern) =>
            Directory.EnumerateFiles(RepositoryPaths.Root, pattern, SearchOption.AllDirectories)
                .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                         && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                         && !p.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Select(p => Path.GetRelativePath(RepositoryPaths.Root, p).Replace('\\', '/'))
                .OrderBy(p => p, StringComparer.Ordinal)
                .ToArray();

        [Fact]
        public void Nf_proj_names_every_device_project_and_only_existing_ones()
        {
            var nfProj = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "nf.proj"));
            var listed = Regex.Matches(nfProj, "<NanoFrameworkProject Include=\"([^\"]+)\"")
                .Select(m => m.Groups[1].Value.Replace('\\', '/'))
                .OrderBy(p => p, StringComparer.Ordinal)
                .ToArray();

            var onDisk = TrackedFiles("*.nfproj");

            Assert.NotEmpty(onDisk);
            Assert.Equal(onDisk, listed);
        }

        [Fact]
        public void The_solution_holds_only_sdk_projects_and_every_one_of_them()
        {
            var sln = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "ChamberFirmware.sln"));
            var inSolution = Regex.Matches(sln, "\"([^\"]+\\.(?:csproj|nfproj|shproj))\"")
                .Select(m => m.Groups[1].Value.Replace('\\', '/'))
                .OrderBy(p => p, StringComparer.Ordinal)
                .ToArray();

            Assert.DoesNotContain(inSolution, p => p.EndsWith(".nfproj", StringComparison.Ordinal));
            Assert.Equal(TrackedFiles("*.csproj"), inSolution);
        }

        // At least one of each, not exactly one: the differential driver is shared code compiled
        // into two nanoCLR programs (differential run, bench) and two host programs (their .NET side).
        [Fact]
        public void Every_shared_project_is_imported_by_a_device_and_a_host_project()
        {
            foreach (var projitems in TrackedFiles("*.projitems"))
            {
                var name = Path.GetFileName(projitems);
                var importers = TrackedFiles("*.*proj")
                    .Where(p => File.ReadAllText(Path.Combine(RepositoryPaths.Root, p)).Contains(name, StringComparison.Ordinal))
                    .Where(p => !p.EndsWith(".shproj", StringComparison.Ordinal))
                    .ToArray();

                Assert.Contains(importers, p => p.EndsWith(".nfproj", StringComparison.Ordinal));
                Assert.Contains(importers, p => p.EndsWith(".csproj", StringComparison.Ordinal));
            }
        }
    }
}
