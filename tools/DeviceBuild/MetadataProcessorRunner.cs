using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;

namespace DeviceBuild
{
    /// <summary>Runs the nanoFramework metadata processor (dll → .pe) as its own process.</summary>
    internal static class MetadataProcessorRunner
    {
        private static readonly Regex ErrorLine = new(@"^(?<file>.*?):(?<line>\d+): error (?<code>\w+): (?<message>.*)$", RegexOptions.CultureInvariant);

        public static IReadOnlyList<DeviceBuildError> Run(string metadataProcessor, string dll, string pe, string referenceFolder)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(metadataProcessor);
            start.ArgumentList.Add(dll);
            start.ArgumentList.Add(pe);
            start.ArgumentList.Add(referenceFolder);

            // The type order, and so the native checksum, depends on culture-aware sorting, as with
            // the official processor on Windows: never run it invariant.
            start.Environment.Remove("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT");
            using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet " + metadataProcessor);
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            var errors = new List<DeviceBuildError>();
            if (process.ExitCode == 0 && File.Exists(pe))
            {
                return errors;
            }

            foreach (var line in (stderr + "\n" + stdout.Result).Split('\n'))
            {
                var match = ErrorLine.Match(line.TrimEnd('\r'));
                if (match.Success)
                {
                    errors.Add(new DeviceBuildError(match.Groups["file"].Value, int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups["code"].Value, match.Groups["message"].Value));
                }
            }

            if (errors.Count == 0)
            {
                errors.Add(new DeviceBuildError(dll, 0, "NFMDP", "the metadata processor failed (exit " + process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) + "): " + stderr.Trim()));
            }

            return errors;
        }
    }
}
