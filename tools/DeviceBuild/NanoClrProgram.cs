using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace DeviceBuild
{
    /// <summary>Runs the .pe files of a built device project on the nanoCLR for Linux, in dependency order, and returns what it printed.</summary>
    public static class NanoClrProgram
    {
        /// <summary>Start of the last line when the run had to be stopped at its timeout.</summary>
        public const string TimedOutPrefix = "nanoclr: timed out";

        /// <summary>The output lines (CR removed); a last line "nanoclr: timed out after N s" when it had to be stopped.</summary>
        public static IReadOnlyList<string> Run(string nanoClr, string deploymentFolder, TimeSpan timeout) =>
            Run(nanoClr, deploymentFolder, timeout, Array.Empty<string>());

        /// <summary>
        /// As <see cref="Run(string, string, TimeSpan)"/>, started through <paramref name="launcher"/>
        /// (a command and its arguments that run the rest, e.g. "chrt -f 10" for a real-time run).
        /// </summary>
        public static IReadOnlyList<string> Run(string nanoClr, string deploymentFolder, TimeSpan timeout, IReadOnlyList<string> launcher)
        {
            var start = new ProcessStartInfo(launcher.Count > 0 ? launcher[0] : nanoClr)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = deploymentFolder,
            };
            if (launcher.Count > 0)
            {
                for (var i = 1; i < launcher.Count; i++)
                {
                    start.ArgumentList.Add(launcher[i]);
                }

                start.ArgumentList.Add(nanoClr);
            }

            foreach (var pe in NanoClrTestRunner.LoadOrder(Directory.GetFiles(deploymentFolder, "*.pe")))
            {
                start.ArgumentList.Add(pe);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + nanoClr);
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var finished = process.WaitForExit((int)timeout.TotalMilliseconds);
            if (!finished)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            var lines = new List<string>((stdout.Result + "\n" + stderr.Result).Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n'));
            if (!finished)
            {
                lines.Add(TimedOutPrefix + " after " + timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s");
            }

            return lines;
        }
    }
}
