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
