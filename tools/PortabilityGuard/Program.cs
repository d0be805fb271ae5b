using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace PortabilityGuard
{
    /// <summary>
    /// Command line: PortabilityGuard --allowlist &lt;dir&gt; &lt;assembly.dll&gt;...
    /// Prints one "portability: " line per finding and exits 1, or one summary line and exits 0.
    /// </summary>
    public static class Program
    {
        public const int ExitClean = 0;
        public const int ExitViolations = 1;
        public const int ExitUsage = 2;

        public static int Main(string[] args)
        {
            ArgumentNullException.ThrowIfNull(args);
            string? allowlistDirectory = null;
            var assemblies = new List<string>();
            for (var i = 0; i < args.Length; i++)
            {
                if (args[i] == "--allowlist" && i + 1 < args.Length)
                {
                    allowlistDirectory = args[++i];
                }
                else if (args[i].StartsWith('-'))
                {
                    return Usage("unknown option " + args[i]);
                }
                else
                {
                    assemblies.Add(args[i]);
                }
            }

            if (allowlistDirectory is null || assemblies.Count == 0)
            {
                return Usage("missing arguments");
            }

            var allowlist = Allowlist.LoadDirectory(allowlistDirectory);
            var failed = false;
            foreach (var error in allowlist.Errors)
            {
                Console.Out.WriteLine(error);
                failed = true;
            }

            var checker = new PortabilityChecker(allowlist);
            foreach (var assembly in assemblies)
            {
                if (!File.Exists(assembly))
                {
                    Console.Out.WriteLine(GuardOutput.ErrorPrefix + "assembly not found: " + assembly);
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
                    Console.Out.WriteLine(GuardOutput.ErrorPrefix + "cannot read " + assembly + ": " + e.Message);
                    failed = true;
                    continue;
                }

                foreach (var violation in result.Violations)
                {
                    Console.Out.WriteLine(violation.Format());
                }

                if (result.IsPortable)
                {
                    Console.Out.WriteLine(string.Format(
                        CultureInfo.InvariantCulture,
                        "PortabilityGuard: {0} is portable to the stable nanoCLR ({1} types, {2} methods, {3} external references on the allowlist of {4} entries{5}).",
                        result.AssemblyName,
                        result.TypeCount,
                        result.MethodCount,
                        result.ExternalReferenceCount,
                        allowlist.Count,
                        result.HasSymbols ? string.Empty : "; no portable PDB, so no source lines"));
                }
                else
                {
                    Console.Out.WriteLine(string.Format(
                        CultureInfo.InvariantCulture,
                        "PortabilityGuard: {0}: {1} portability violation(s); see tools/PortabilityGuard/README.md.",
                        result.AssemblyName,
                        result.Violations.Count));
                    failed = true;
                }
            }

            return failed ? ExitViolations : ExitClean;
        }

        private static int Usage(string problem)
        {
            Console.Out.WriteLine(GuardOutput.ErrorPrefix + problem + ". Usage: PortabilityGuard --allowlist <directory> <assembly.dll>...");
            return ExitUsage;
        }
    }
}
