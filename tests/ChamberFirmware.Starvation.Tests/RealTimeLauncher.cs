using System;
using System.Diagnostics;

namespace ChamberFirmware.Starvation.Tests;

/// <summary>
/// Runs nanoCLR at SCHED_FIFO priority ("chrt -f 10", util-linux) where this machine allows it
/// (root or CAP_SYS_NICE), so other processes on the shared cores do not deschedule it; elsewhere it
/// runs as it is, and the run's stall detector takes the host's pauses out of the intervals.
/// </summary>
public static class RealTimeLauncher
{
    private static readonly string[] Chrt = { "chrt", "-f", "10" };

    /// <summary>The launcher to use, and a line saying which.</summary>
    public static (string[] Launcher, string Description) Find()
    {
        try
        {
            var start = new ProcessStartInfo(Chrt[0]) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (string argument in new[] { "-f", "10", "true" })
            {
                start.ArgumentList.Add(argument);
            }

            using Process probe = Process.Start(start);
            if (probe != null && probe.WaitForExit(10_000) && probe.ExitCode == 0)
            {
                return (Chrt, "nanoCLR at SCHED_FIFO 10 (chrt)");
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No chrt on this machine.
        }

        return (Array.Empty<string>(), "nanoCLR at normal priority (chrt unavailable or not permitted)");
    }
}
