using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace DeviceBuild
{
    /// <summary>
    /// <c>devicebuild [--nanoframework DIR | --packages DIR --metadata-processor NFMDP] [--configuration Release|Debug|All] [--project NAME]... [--repo DIR]</c>
    /// Exit 0: every project built; 1: something failed (errors as file:line: error CODE: message); 2: usage.
    /// </summary>
    public static class Program
    {
        public const int ExitBuilt = 0;
        public const int ExitFailed = 1;
        public const int ExitUsage = 2;

        public static int Main(string[] args)
        {
            ArgumentNullException.ThrowIfNull(args);
            return Run(args, Console.Out, Console.Error);
        }

        public static int Run(string[] args, TextWriter output, TextWriter error)
        {
            ArgumentNullException.ThrowIfNull(args);
            if (args.Length > 0 && args[0] == "nanoclr-test")
            {
                return RunNanoClrTests(args, output, error);
            }
            string? toolchain = null;
            string? packages = null;
            string? metadataProcessor = null;
            string? repository = null;
            var configuration = "All";
            var projects = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < args.Length; i++)
            {
                string Value()
                {
                    if (i + 1 >= args.Length)
                    {
                        throw new ArgumentException(args[i] + " needs a value");
                    }

                    return args[++i];
                }

                try
                {
                    switch (args[i])
                    {
                        case "--nanoframework": toolchain = Value(); break;
                        case "--packages": packages = Value(); break;
                        case "--metadata-processor": metadataProcessor = Value(); break;
                        case "--configuration": configuration = Value(); break;
                        case "--project": projects.Add(Value()); break;
                        case "--repo": repository = Value(); break;
                        default: return Usage(error, "unknown argument " + args[i]);
                    }
                }
                catch (ArgumentException e)
                {
                    return Usage(error, e.Message);
                }
            }

            var configurations = configuration switch
            {
                "All" => new[] { "Release", "Debug" },
                "Release" or "Debug" => new[] { configuration },
                _ => null,
            };
            if (configurations is null)
            {
                return Usage(error, "--configuration is Release, Debug or All, not " + configuration);
            }

            var root = repository is not null ? Path.GetFullPath(repository) : FindRepositoryRoot(Directory.GetCurrentDirectory());
            if (root is null || !File.Exists(Path.Combine(root, "nf.proj")))
            {
                return Usage(error, "no nf.proj found (run inside the repository or give --repo DIR)");
            }

            if (packages is not null && toolchain is not null)
            {
                return Usage(error, "give --packages or --nanoframework, not both");
            }

            NanoFrameworkAssemblySource source;
            try
            {
                if (packages is not null)
                {
                    if (metadataProcessor is null)
                    {
                        return Usage(error, "--packages needs --metadata-processor (the nanoFramework metadata processor's dll)");
                    }

                    source = NanoFrameworkAssemblySource.FromPackagesFolder(packages, metadataProcessor);
                }
                else
                {
                    toolchain ??= Path.Combine(root, "..", "shared", "nanoframework");
                    source = NanoFrameworkAssemblySource.FromToolchain(toolchain, metadataProcessor);
                }
            }
            catch (DeviceBuildException e)
            {
                error.WriteLine(e.Error.ToString());
                return ExitFailed;
            }

            var runner = new DeviceBuildRunner(root, source, output);
            runner.Run(configurations, projects);
            output.WriteLine(string.Format(CultureInfo.InvariantCulture, "devicebuild: {0} built, {1} failed", runner.Built, runner.Failed));
            return runner.Failed == 0 ? ExitBuilt : ExitFailed;
        }

        /// <summary>
        /// <c>devicebuild nanoclr-test DEPLOYMENT_FOLDER [--nanoclr PATH] [--timeout SECONDS]</c>: runs the
        /// UnitTestLauncher on the .pe files of a built device test project; one line per test, then
        /// "nanoclr: N passed, N failed". Exit 0 only when every test passed and at least one ran.
        /// </summary>
        private static int RunNanoClrTests(string[] args, TextWriter output, TextWriter error)
        {
            if (args.Length < 2 || args[1].StartsWith('-'))
            {
                return Usage(error, "nanoclr-test needs the deployment folder of a built device test project");
            }

            var folder = Path.GetFullPath(args[1]);
            var root = FindRepositoryRoot(folder) ?? FindRepositoryRoot(Directory.GetCurrentDirectory());
            string? nanoClr = root is null ? null : Path.Combine(root, "..", "shared", "nanoframework", "nanoclr", "nanoFramework.nanoCLR.test");
            var timeout = TimeSpan.FromSeconds(300);
            for (var i = 2; i < args.Length; i++)
            {
                if (args[i] == "--nanoclr" && i + 1 < args.Length)
                {
                    nanoClr = args[++i];
                }
                else if (args[i] == "--timeout" && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
                {
                    timeout = TimeSpan.FromSeconds(seconds);
                    i++;
                }
                else
                {
                    return Usage(error, "unknown argument " + args[i]);
                }
            }

            if (!Directory.Exists(folder) || Directory.GetFiles(folder, "*.pe").Length == 0)
            {
                error.WriteLine("devicebuild: no .pe files in " + folder + ": run the device build first");
                return ExitFailed;
            }

            if (nanoClr is null || !File.Exists(nanoClr))
            {
                error.WriteLine("devicebuild: nanoCLR not found at " + nanoClr + " (give --nanoclr PATH)");
                return ExitFailed;
            }

            NanoClrTestResult result;
            try
            {
                result = NanoClrTestRunner.Run(nanoClr, folder, timeout);
            }
            catch (InvalidDataException e)
            {
                error.WriteLine("devicebuild: " + e.Message);
                return ExitFailed;
            }

            foreach (var name in result.Passed)
            {
                output.WriteLine("nanoclr: passed " + name);
            }

            foreach (var line in result.Failed)
            {
                output.WriteLine("nanoclr: FAILED " + line);
            }

            if (result.Problem is not null)
            {
                output.WriteLine("nanoclr: run failed: " + result.Problem);
            }

            output.WriteLine(string.Format(CultureInfo.InvariantCulture, "nanoclr: {0} passed, {1} failed", result.Passed.Count, result.Failed.Count + (result.Problem is null ? 0 : 1)));
            return result.Succeeded ? ExitBuilt : ExitFailed;
        }

        private static string? FindRepositoryRoot(string start)
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

        private static int Usage(TextWriter error, string problem)
        {
            error.WriteLine("devicebuild: " + problem);
            error.WriteLine("usage: devicebuild [--nanoframework DIR | --packages DIR --metadata-processor NFMDP] [--configuration Release|Debug|All] [--project NAME]... [--repo DIR]");
            return ExitUsage;
        }
    }
}
