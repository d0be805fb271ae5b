using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace DeviceBuild
{
    /// <summary>
    /// Runs a device test project's deployment on the real nanoCLR for Linux through
    /// nanoFramework.TestFramework's UnitTestLauncher, and reads its result lines
    /// ("Test passed,NAME,TICKS" / "Test failed,NAME,..."). The .pe files are loaded in dependency
    /// order (mscorlib first, the launcher last), as the board's deployment would resolve them.
    /// </summary>
    public static class NanoClrTestRunner
    {
        public const string LauncherAssembly = "nanoFramework.UnitTestLauncher";

        public static NanoClrTestResult Run(string nanoClr, string deploymentFolder, TimeSpan timeout)
        {
            var lines = NanoClrProgram.Run(nanoClr, deploymentFolder, timeout);
            var finished = !(lines.Count > 0 && lines[lines.Count - 1].StartsWith(NanoClrProgram.TimedOutPrefix, StringComparison.Ordinal));
            var passed = new List<string>();
            var failed = new List<string>();
            var done = false;
            foreach (var line in lines)
            {
                if (line.StartsWith("Test passed,", StringComparison.Ordinal))
                {
                    passed.Add(line.Split(',')[1]);
                }
                else if (line.StartsWith("Test failed,", StringComparison.Ordinal))
                {
                    failed.Add(line.Substring("Test failed,".Length));
                }
                else if (line == "Done.")
                {
                    done = true;
                }
            }

            string? problem = !finished ? "nanoCLR did not finish within " + timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s"
                : !done ? "nanoCLR stopped before the launcher said Done.: " + string.Join(" | ", lines.Where(l => l.Length > 0).TakeLast(5))
                : passed.Count + failed.Count == 0 ? "the launcher ran no test (is the test assembly named NFUnitTest?)"
                : null;
            return new NanoClrTestResult(passed, failed, problem, lines);
        }

        /// <summary>Each .pe after everything it references; the launcher last (it has Main).</summary>
        public static IReadOnlyList<string> LoadOrder(IEnumerable<string> peFiles)
        {
            var images = peFiles.ToDictionary(f => NanoPeImage.Read(f).Name, f => f, StringComparer.Ordinal);
            var references = images.ToDictionary(p => p.Key, p => NanoPeImage.Read(p.Value).References.Select(r => r.Name).ToList(), StringComparer.Ordinal);
            var ordered = new List<string>();
            var placed = new HashSet<string>(StringComparer.Ordinal);
            void Place(string name, int depth)
            {
                if (placed.Contains(name) || !images.ContainsKey(name) || depth > images.Count)
                {
                    return;
                }

                foreach (var dependency in references[name])
                {
                    Place(dependency, depth + 1);
                }

                if (placed.Add(name))
                {
                    ordered.Add(images[name]);
                }
            }

            foreach (var name in images.Keys.Where(n => n != LauncherAssembly).OrderBy(n => n, StringComparer.Ordinal))
            {
                Place(name, 0);
            }

            Place(LauncherAssembly, 0);
            return ordered;
        }
    }
}
