using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ChamberFirmware.Tools.Tests.Flashing;

/// <summary>
/// The nanoff stand-in script (Flashing/NanoffStandIn/nanoff) copied into a temp folder: tests set
/// each step's exit code and the device-details text, then read back every call's arguments.
/// </summary>
internal sealed class NanoffStandIn
{
    public NanoffStandIn(TempDirectory temp)
    {
        Directory.CreateDirectory(temp.Combine("tools"));
        Path = temp.Combine("tools", "nanoff");
        File.Copy(System.IO.Path.Combine(AppContext.BaseDirectory, "Flashing", "NanoffStandIn", "nanoff"), Path);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        Folder = temp.Combine("tools");
    }

    public string Path { get; }

    private string Folder { get; }

    /// <summary>step: update, deploy or details.</summary>
    public void ExitWith(string step, int code) => File.WriteAllText(System.IO.Path.Combine(Folder, step + ".exit"), code.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>An attack hook: a shell script the stand-in runs at the start of <paramref name="step"/>.</summary>
    public void OnStep(string step, string script)
    {
        var hook = System.IO.Path.Combine(Folder, "on-" + step);
        File.WriteAllText(hook, "#!/bin/sh\n" + script + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>The bytes the deploy step was given (what would be on the board), or null when nothing was deployed.</summary>
    public byte[]? Deployed() => File.Exists(System.IO.Path.Combine(Folder, "deployed.bin")) ? File.ReadAllBytes(System.IO.Path.Combine(Folder, "deployed.bin")) : null;

    public void DeviceDetails(string text) => File.WriteAllText(System.IO.Path.Combine(Folder, "details.txt"), text);

    /// <summary>Each call's argument list, in call order (empty when nanoff was never run).</summary>
    public IReadOnlyList<string[]> Calls()
    {
        var log = System.IO.Path.Combine(Folder, "calls.log");
        if (!File.Exists(log))
        {
            return Array.Empty<string[]>();
        }

        var calls = new List<string[]>();
        List<string>? current = null;
        foreach (var line in File.ReadAllLines(log))
        {
            if (line == "CALL")
            {
                current = new List<string>();
                calls.Add(Array.Empty<string>());
            }
            else
            {
                current!.Add(line);
            }

            if (current is not null)
            {
                calls[^1] = current.ToArray();
            }
        }

        return calls;
    }
}
