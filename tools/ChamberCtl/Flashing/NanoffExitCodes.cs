using System.Collections.Generic;

namespace ChamberCtl.Flashing;

/// <summary>What a nanoff exit code means, in words, and what the technician does next.</summary>
internal sealed record NanoffProblem(string Meaning, string NextStep);

/// <summary>
/// nanoff's exit codes (nanoframework/nanoFirmwareFlasher nanoFirmwareFlasher.Library/ExitCodes.cs,
/// enum ExitCodes) mapped to plain messages for the ESP32 flow. {port} is replaced by the serial port.
/// </summary>
internal static class NanoffExitCodes
{
    private const string DownloadMode = "hold the BOOT button, tap EN/RESET, release BOOT, then run flash again";

    private static readonly Dictionary<int, NanoffProblem> Problems = new()
    {
        [2000] = new("could not connect to the nanoFramework firmware on {port}", "check the USB cable and that no other program (serial monitor, IDE) has {port} open, press EN/RESET, then run flash again"),
        [2001] = new("nanoff failed while listing nanoFramework devices", "unplug and replug the board, then run flash again"),
        [2002] = new("the board refused or failed the operation", "press EN/RESET and run flash again; if it repeats, " + DownloadMode),
        [2003] = new("file deployment to the board failed", "press EN/RESET and run flash again"),
        [4000] = new("the ESP32 flashing tool (esptool) failed on {port}", DownloadMode),
        [4001] = new("the board's flash size is not supported by " + Release.FirmwarePin.Target, "check that this is a chamber controller board (ESP32, 4 MB flash); set the board aside and report it"),
        [4002] = new("erasing the ESP32 flash failed", DownloadMode),
        [4003] = new("writing the firmware to the ESP32 failed", DownloadMode),
        [4004] = new("reading back the ESP32 flash failed", DownloadMode),
        [4005] = new("no device on {port}: the port could not be opened", "check the cable (a data cable, not charge-only) and that the board is in download mode: " + DownloadMode),
        [6000] = new("could not open the serial device {port}", "check the port name (nanoff --listports), that the cable is a data cable, and that no other program has {port} open"),
        [6001] = new("no serial port was given to nanoff", "give the port with --port (list them with nanoff --listports)"),
        [9000] = new("nanoff did not accept the arguments chamberctl gave it", "install the nanoff version named in docs/flashing.md (dotnet tool update -g nanoff) and run flash again"),
        [9005] = new("nanoff could not find the pinned firmware " + Release.FirmwarePin.Target + " " + Release.FirmwarePin.FirmwareVersion, "check the laptop's network access to the nanoFramework firmware repository; if it persists, report the pinned version to the release engineer"),
        [9006] = new("nanoff could not create a temporary folder for the firmware download", "free disk space on the laptop and run flash again"),
        [9007] = new("downloading the nanoCLR firmware failed", "check the laptop's network connection and run flash again"),
        [9008] = new("nanoff could not find the application image file", "the bundle folder was changed or removed during flashing: copy the bundle again and re-run"),
        [9009] = new("nanoff refused the deployment address " + Release.FirmwarePin.DeploymentAddress, "report to the release engineer: the bundle and this chamberctl disagree on the partition table"),
        [9010] = new("no device found on {port}", "check the cable and that the board is powered and in download mode: " + DownloadMode),
        [9011] = new("nanoff could not find the CLR image file", "copy the bundle again and re-run"),
        [9012] = new("the CLR image file has the wrong format", "copy the bundle again and re-run; if it repeats, report to the release engineer"),
        [9014] = new("nanoff could not clear its firmware cache", "run: nanoff --clearcache, then flash again"),
    };

    public static IReadOnlyCollection<int> Known => Problems.Keys;

    /// <summary>
    /// nanoff's codes are 2000..9014, but Linux and macOS keep only the low 8 bits of an exit
    /// status (4005 arrives as 165). No two known codes share their low byte, so a code in 0..255
    /// that is not nanoff's own is mapped back. Returns the nanoff code, or null when unknown.
    /// </summary>
    public static int? Resolve(int exitCode)
    {
        if (Problems.ContainsKey(exitCode))
        {
            return exitCode;
        }

        if (exitCode is > 0 and <= 255)
        {
            foreach (var code in Problems.Keys)
            {
                if ((code & 0xFF) == exitCode)
                {
                    return code;
                }
            }
        }

        return null;
    }

    /// <summary>How to show the exit code: "4005", or "165 (nanoff code 4005, cut to 8 bits by the OS)".</summary>
    public static string Show(int exitCode)
    {
        var code = Resolve(exitCode);
        return code is null || code == exitCode ? exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : exitCode + " (nanoff code " + code + ", cut to 8 bits by the OS)";
    }

    public static NanoffProblem Describe(int exitCode, string port)
    {
        if (Resolve(exitCode) is int code && Problems.TryGetValue(code, out var problem))
        {
            return new NanoffProblem(problem.Meaning.Replace("{port}", port, System.StringComparison.Ordinal), problem.NextStep.Replace("{port}", port, System.StringComparison.Ordinal));
        }

        return new NanoffProblem("nanoff failed with exit code " + exitCode + ", which chamberctl does not know", "run the same nanoff command by hand (shown above) with -v diag and report its output");
    }
}
