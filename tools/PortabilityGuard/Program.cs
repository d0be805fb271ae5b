using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace PortabilityGuard
{
    /// <summary>
    /// Command line: PortabilityGuard --allowlist &lt;dir&gt; [--resolve-in &lt;nanoFramework assembly or folder&gt;]... [&lt;assembly.dll&gt;...]
    /// or PortabilityGuard --device &lt;assembly.dll&gt;... (a device build's output: IL rules only).
    /// Prints one "portability: " line per finding and exits 1, or one summary line and exits 0.
    /// With --resolve-in, every allowlist line must name a public API of the package it names.
    /// </summary>
    public static class Program
    {
        public const int ExitClean = 0;
        public const int ExitViolations = 1;
        public const int ExitUsage = 2;

        public static int Main(string[] args) => Run(args, Console.Out);

        /// <summary>Main with the output given (tests read what a user would see).</summary>
        public static int Run(string[] args, TextWriter output)
        {
            ArgumentNullException.ThrowIfNull(args);
            ArgumentNullException.ThrowIfNull(output);
            string? allowlistDirectory = null;
            var device = false;
            var resolveIn = new List<string>();
            var assemblies = new List<string>();
            for (var i = 0; i < args.Length; i++)
            {
                if (args[i] == "--allowlist" && i + 1 < args.Length)
                {
                    allowlistDirectory = args[++i];
                }
                else if (args[i] == "--resolve-in" && i + 1 < args.Length)
                {
                    resolveIn.Add(args[++i]);
                }
                else if (args[i] == "--device")
                {
                    device = true;
                }
                else if (args[i].StartsWith('-'))
                {
                    return Usage(output, "unknown option " + args[i]);
                }
                else
                {
                    assemblies.Add(args[i]);
                }
            }

            if (device ? allowlistDirectory is not null || resolveIn.Count > 0 || assemblies.Count == 0
                       : allowlistDirectory is null || (assemblies.Count == 0 && resolveIn.Count == 0))
            {
                return Usage(output, "missing or conflicting arguments");
            }

            Allowlist? allowlist = null;
            var failed = false;
            if (allowlistDirectory is not null)
            {
                allowlist = Allowlist.LoadDirectory(allowlistDirectory);
                foreach (var error in allowlist.Errors)
                {
                    output.WriteLine(error);
                    failed = true;
                }

                if (resolveIn.Count > 0)
                {
                    failed |= !AllowlistResolution.Check(allowlist, resolveIn, output);
                }
            }

            var checker = new PortabilityChecker(allowlist);
            foreach (var assembly in assemblies)
            {
                if (!File.Exists(assembly))
                {
                    output.WriteLine(GuardOutput.ErrorPrefix + "assembly not found: " + assembly);
                    failed = true;
                    continue;
                }

                CheckResult result;
                try
                {
                    result = checker.Check(assembly);
                }
                catch (BadImageFormatException e)
                {
                    output.WriteLine(GuardOutput.ErrorPrefix + "cannot read " + assembly + ": " + e.Message);
                    failed = true;
                    continue;
                }

                foreach (var violation in result.Violations)
                {
                    output.WriteLine(violation.Format());
                }

                if (result.IsPortable)
                {
                    output.WriteLine(string.Format(
                        CultureInfo.InvariantCulture,
                        "PortabilityGuard: {0} is portable to the stable nanoCLR ({1} types, {2} methods, {3} external references {4}{5}).",
                        result.AssemblyName,
                        result.TypeCount,
                        result.MethodCount,
                        result.ExternalReferenceCount,
                        allowlist is null ? "compiled against nanoFramework itself" : "on the allowlist of " + allowlist.Count.ToString(CultureInfo.InvariantCulture) + " entries",
                        result.HasSymbols ? string.Empty : "; no portable PDB, so no source lines"));
                }
                else
                {
                    output.WriteLine(string.Format(
                        CultureInfo.InvariantCulture,
                        "PortabilityGuard: {0}: {1} portability violation(s); see tools/PortabilityGuard/README.md.",
                        result.AssemblyName,
                        result.Violations.Count));
                    failed = true;
                }
            }

            return failed ? ExitViolations : ExitClean;
        }

        private static int Usage(TextWriter output, string problem)
        {
            output.WriteLine(GuardOutput.ErrorPrefix + problem + ". Usage: PortabilityGuard --allowlist <directory> [--resolve-in <nanoFramework .dll or folder>]... [<assembly.dll>...] | PortabilityGuard --device <assembly.dll>...");
            return ExitUsage;
        }
    }
}
