using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using ChamberFirmware.Differential;

namespace DeviceBench
{
    /// <summary>
    /// <c>devicebench [--nanoframework DIR] [--no-callgrind] [--update-baseline]</c>: builds the bench for
    /// nanoCLR, runs it plain (time per call) and under callgrind (x86 instructions and heap allocations
    /// per call), runs the same operations on .NET, prints one table, and checks the instruction counts
    /// against tests/bench/nanoclr-baseline.json. Exit 0: within the baseline; 1: an operation grew by
    /// more than 10% or the run failed; 2: usage.
    /// </summary>
    public static class Program
    {
        /// <summary>
        /// CoreMark (eembc/coremark, gcc -O2): about 35,800 iterations/s on one core of these machines;
        /// a published ESP32 run at 240 MHz (apache/nuttx pull request 8221) gives 688/s on two cores,
        /// about 344/s per core. So an ESP32 core does the same work about 104 times slower: a rough
        /// calibration (an interpreter is not CoreMark), an order of magnitude until a board is measured.
        /// </summary>
        public const double Esp32SlowdownFromCoreMark = 35_800.0 / 344.0;

        /// <summary>The bench's section marker (NanoClrBenchHost.Mark): System.Math.Cosh's native implementation.</summary>
        private const string MarkerPattern = "*System_Math::Cosh___STATIC*";

        public static int Main(string[] args)
        {
            ArgumentNullException.ThrowIfNull(args);
            string toolchain = null;
            var callgrind = true;
            var update = false;
            for (var i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--nanoframework" when i + 1 < args.Length: toolchain = args[++i]; break;
                    case "--no-callgrind": callgrind = false; break;
                    case "--update-baseline": update = true; break;
                    default:
                        Console.Error.WriteLine("devicebench: unknown argument " + args[i] + "\nusage: devicebench [--nanoframework DIR] [--no-callgrind] [--update-baseline]");
                        return 2;
                }
            }

            var root = FindRoot(Directory.GetCurrentDirectory());
            if (root is null)
            {
                Console.Error.WriteLine("devicebench: run inside the repository (no nf.proj found)");
                return 2;
            }

            toolchain = Path.GetFullPath(toolchain ?? Path.Combine(root, "..", "shared", "nanoframework"));
            var build = DeviceBuild.Program.Run(
                new[] { "--repo", root, "--nanoframework", toolchain, "--configuration", "Release", "--project", "ChamberFirmware.Hal", "--project", "ChamberFirmware.Hal.Simulated", "--project", "ChamberFirmware.Core", "--project", "ChamberFirmware.Bench.NanoClr" },
                TextWriter.Null,
                Console.Error);
            if (build != 0)
            {
                Console.Error.WriteLine("devicebench: the device build of the bench failed (run devicebuild for the errors)");
                return 1;
            }

            var folder = Path.Combine(root, "tests", "ChamberFirmware.Bench.NanoClr", "bin", "Release");
            var nanoClr = Path.Combine(toolchain, "nanoclr", "nanoFramework.nanoCLR.test");
            var plain = DeviceBuild.NanoClrProgram.Run(nanoClr, folder, TimeSpan.FromMinutes(10));
            var times = ParseBenchLines(plain);
            if (times.Count != CostBench.Operations.Length)
            {
                Console.Error.WriteLine("devicebench: nanoCLR reported " + times.Count + " of " + CostBench.Operations.Length + " operations:\n" + string.Join("\n", plain.TakeLast(10)));
                return 1;
            }

            var dotnet = new DotnetBenchHost();
            CostBench.Run(dotnet, 1);
            CostBench.Run(dotnet, 1); // the second run is the one kept: JIT warmed up

            IReadOnlyList<(long Instructions, long Allocations)> counts = null;
            if (callgrind)
            {
                counts = RunCallgrind(nanoClr, folder);
                if (counts is null)
                {
                    return 1;
                }
            }

            return Report(root, times, dotnet, counts, update);
        }

        private static int Report(string root, Dictionary<string, double> nanoClrMicroseconds, DotnetBenchHost dotnet, IReadOnlyList<(long Instructions, long Allocations)> counts, bool update)
        {
            var baselinePath = Path.Combine(root, "tests", "bench", "nanoclr-baseline.json");
            var baseline = BenchBaseline.Read(baselinePath);
            var measured = new Dictionary<string, long>(StringComparer.Ordinal);
            var failed = 0;
            Console.WriteLine("| operation | nanoCLR x86 µs/call | .NET 10 µs/call | ratio | x86 instructions/call (callgrind) | heap allocations/call | ESP32 estimate (×104) |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            for (var i = 0; i < CostBench.Operations.Length; i++)
            {
                var op = CostBench.Operations[i];
                var iterations = CostBench.Iterations(op, 1);
                var nano = nanoClrMicroseconds[op];
                var net = dotnet.MicrosecondsPerCall[op];
                string instructions = "-", allocations = "-";
                if (counts is not null)
                {
                    var perCall = counts[i].Instructions / iterations;
                    measured[op] = perCall;
                    instructions = perCall.ToString("N0", CultureInfo.InvariantCulture);
                    allocations = ((double)counts[i].Allocations / iterations).ToString("0.##", CultureInfo.InvariantCulture);
                }

                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1:0.0} | {2:0.000} | {3:0} | {4} | {5} | {6} |", op, nano, net, nano / net, instructions, allocations, Esp32(nano)));
            }

            if (counts is null)
            {
                return 0;
            }

            foreach (var (op, perCall) in measured)
            {
                if (!baseline.TryGetValue(op, out var committed))
                {
                    Console.WriteLine("bench: " + op + " has no baseline yet (" + perCall + " instructions/call)");
                    continue;
                }

                var growth = ((double)perCall / committed) - 1;
                var ok = growth <= BenchBaseline.AllowedGrowth;
                failed += ok ? 0 : 1;
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "bench: {0} {1} {2} instructions/call, baseline {3} ({4:+0.0;-0.0;0.0}%)", op, ok ? "passed" : "FAILED", perCall, committed, growth * 100));
            }

            if (update)
            {
                BenchBaseline.Write(baselinePath, measured);
                Console.WriteLine("bench: baseline written to " + Path.GetRelativePath(root, baselinePath));
                return 0;
            }

            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "bench: {0} passed, {1} failed", measured.Count(m => baseline.ContainsKey(m.Key)) - failed, failed));
            return failed == 0 ? 0 : 1;
        }

        private static string Esp32(double nanoClrMicroseconds)
        {
            var microseconds = nanoClrMicroseconds * Esp32SlowdownFromCoreMark;
            return microseconds >= 1000
                ? (microseconds / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " ms"
                : microseconds.ToString("0", CultureInfo.InvariantCulture) + " µs";
        }

        private static Dictionary<string, double> ParseBenchLines(IEnumerable<string> lines)
        {
            var result = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var line in lines)
            {
                var parts = line.Split(',');
                if (parts.Length >= 4 && parts[0] == "bench")
                {
                    result[parts[1]] = long.Parse(parts[3], CultureInfo.InvariantCulture) / 10.0 / int.Parse(parts[2], CultureInfo.InvariantCulture);
                }
            }

            return result;
        }

        private static IReadOnlyList<(long Instructions, long Allocations)> RunCallgrind(string nanoClr, string folder)
        {
            var output = Path.Combine(Path.GetTempPath(), "devicebench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(output);
            try
            {
                var start = new ProcessStartInfo("valgrind") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
                foreach (var arg in new[] { "--tool=callgrind", "--dump-before=" + MarkerPattern, "--compress-strings=no", "--compress-pos=no", "--callgrind-out-file=" + Path.Combine(output, "cg.out"), nanoClr })
                {
                    start.ArgumentList.Add(arg);
                }

                foreach (var pe in DeviceBuild.NanoClrTestRunner.LoadOrder(Directory.GetFiles(folder, "*.pe")))
                {
                    start.ArgumentList.Add(pe);
                }

                using var process = Process.Start(start);
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0 || !stdout.Result.Contains("bench: done", StringComparison.Ordinal))
                {
                    Console.Error.WriteLine("devicebench: nanoCLR under callgrind failed (exit " + process.ExitCode + "): " + stderr.Split('\n').LastOrDefault(l => l.Length > 0));
                    return null;
                }

                return CallgrindSections.Loops(Path.Combine(output, "cg.out"), CostBench.Operations.Length);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                Console.Error.WriteLine("devicebench: valgrind is not installed (apt-get install valgrind), or give --no-callgrind");
                return null;
            }
            finally
            {
                Directory.Delete(output, recursive: true);
            }
        }

        private static string FindRoot(string start)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "nf.proj")))
                {
                    return dir.FullName;
                }
            }

            return null;
        }
    }
}
