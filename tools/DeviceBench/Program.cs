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
        /// <summary>Operations whose periodic path must allocate nothing on nanoCLR (issue 12): asserted per run.</summary>
        private static readonly string[] AllocationFree = { "supervisor-step", "control-step", "period", "heartbeat-verify", "status-frame" };

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
            var lines = ParseBenchLines(plain);
            if (lines.Count != CostBench.Operations.Length || !plain.Contains("bench: done"))
            {
                Console.Error.WriteLine("devicebench: nanoCLR reported " + lines.Count + " of " + CostBench.Operations.Length + " operations:\n" + string.Join("\n", plain.TakeLast(10)));
                return 1;
            }

            var dotnet = new DotnetBenchHost();
            CostBench.Run(dotnet, 1);
            var dotnetSetUp = CostBench.Run(dotnet, 1); // the second run is the one kept: JIT warmed up
            if (dotnetSetUp is not null)
            {
                Console.Error.WriteLine("devicebench: on .NET " + dotnetSetUp);
                return 1;
            }

            IReadOnlyList<(long Instructions, long Allocations)> counts = null;
            if (callgrind)
            {
                counts = RunCallgrind(nanoClr, folder, CostBench.Operations.Select(op => lines[op].Sections).ToList());
                if (counts is null)
                {
                    return 1;
                }
            }

            return Report(root, lines, dotnet, counts, update);
        }

        private static int Report(string root, Dictionary<string, BenchLine> nanoClr, DotnetBenchHost dotnet, IReadOnlyList<(long Instructions, long Allocations)> counts, bool update)
        {
            var baselinePath = Path.Combine(root, "tests", "bench", "nanoclr-baseline.json");
            var baseline = BenchBaseline.Read(baselinePath);
            var measured = new Dictionary<string, long>(StringComparer.Ordinal);
            var allocationsPerCall = new Dictionary<string, double>(StringComparer.Ordinal);
            var passed = 0;
            var failed = 0;
            Console.WriteLine("| operation | nanoCLR x86 µs/call | .NET 10 µs/call | ratio | x86 instructions/call (callgrind) | heap allocations/call | ESP32 estimate |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            for (var i = 0; i < CostBench.Operations.Length; i++)
            {
                var op = CostBench.Operations[i];
                var nano = nanoClr[op].MicrosecondsPerCall;
                var net = dotnet.MicrosecondsPerCall[op];
                string instructions = "-", allocations = "-", estimate = "-";
                if (counts is not null)
                {
                    var perCall = counts[i].Instructions / nanoClr[op].Iterations;
                    measured[op] = perCall;
                    allocationsPerCall[op] = (double)counts[i].Allocations / nanoClr[op].Iterations;
                    instructions = perCall.ToString("N0", CultureInfo.InvariantCulture);
                    allocations = allocationsPerCall[op].ToString("0.##", CultureInfo.InvariantCulture);
                    estimate = Esp32Estimate.Format(Esp32Estimate.Microseconds(perCall));
                }

                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1:0.0} | {2:0.000} | {3:0} | {4} | {5} | {6} |", op, nano, net, nano / net, instructions, allocations, estimate));
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
                Count(ok, ref passed, ref failed);
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "bench: {0} {1} {2} instructions/call, baseline {3} ({4:+0.0;-0.0;0.0}%)", op, ok ? "passed" : "FAILED", perCall, committed, growth * 100));
            }

            foreach (var op in AllocationFree)
            {
                var ok = allocationsPerCall[op] == 0;
                Count(ok, ref passed, ref failed);
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "bench: {0}-allocations {1} {2:0.##} heap allocations/call on nanoCLR (must be 0)", op, ok ? "passed" : "FAILED", allocationsPerCall[op]));
            }

            foreach (var budget in Budget.All)
            {
                var estimate = Esp32Estimate.Microseconds(measured[budget.Operation]);
                var met = estimate <= budget.LimitMicroseconds;
                var line = string.Format(CultureInfo.InvariantCulture, "{0} {1} of {2} ({3:0}%): {4}", budget.Operation, Esp32Estimate.Format(estimate), Esp32Estimate.Format(budget.LimitMicroseconds), 100 * estimate / budget.LimitMicroseconds, budget.What);
                if (budget.Enforced)
                {
                    Count(met, ref passed, ref failed);
                    Console.WriteLine("bench: budget-" + budget.Operation + " " + (met ? "passed " : "FAILED ") + line);
                }
                else
                {
                    Console.WriteLine("budget: " + line + ": " + (met ? "met" : "not met, open: " + budget.Open));
                }
            }

            if (update)
            {
                BenchBaseline.Write(baselinePath, measured);
                Console.WriteLine("bench: baseline written to " + Path.GetRelativePath(root, baselinePath));
                return 0;
            }

            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "bench: {0} passed, {1} failed", passed, failed));
            return failed == 0 ? 0 : 1;
        }

        private static void Count(bool ok, ref int passed, ref int failed)
        {
            if (ok)
            {
                passed++;
            }
            else
            {
                failed++;
            }
        }

        private static Dictionary<string, BenchLine> ParseBenchLines(IEnumerable<string> lines)
        {
            var result = new Dictionary<string, BenchLine>(StringComparer.Ordinal);
            foreach (var line in lines)
            {
                var parts = line.Split(',');
                if (parts.Length >= 5 && parts[0] == "bench")
                {
                    var iterations = int.Parse(parts[2], CultureInfo.InvariantCulture);
                    result[parts[1]] = new BenchLine(iterations, int.Parse(parts[3], CultureInfo.InvariantCulture), long.Parse(parts[4], CultureInfo.InvariantCulture) / 10.0 / iterations);
                }
            }

            return result;
        }

        private static IReadOnlyList<(long Instructions, long Allocations)> RunCallgrind(string nanoClr, string folder, IReadOnlyList<int> sections)
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

                return CallgrindSections.Operations(Path.Combine(output, "cg.out"), sections);
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
