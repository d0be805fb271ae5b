using System;
using System.IO;
using System.Linq;
using ChamberFirmware.Tools.Tests;

namespace ChamberFirmware.DeviceBuild.Tests;

/// <summary>
/// A copy of what the device build reads (nf.proj, the version pins, every device project and the
/// shared code, the allowlist) in a temp folder, so a test can plant a defect and build it without
/// touching the working tree.
/// </summary>
internal sealed class DeviceRepositoryCopy : IDisposable
{
    private static readonly string[] Parts =
    {
        "nf.proj", "nanoFramework.Versions.props", "firmware", "hardware-abstractions",
        "tests/ChamberFirmware.Device.Tests", "tests/ChamberFirmware.Device.NanoClr", "tests/ChamberFirmware.Differential",
        "tests/ChamberFirmware.Differential.NanoClr", "tests/ChamberFirmware.Bench.NanoClr", "tests/ChamberFirmware.Starvation.NanoClr",
        "tools/PortabilityGuard/allowlist",
    };

    public DeviceRepositoryCopy()
    {
        var source = NanoFrameworkFiles.RepositoryRoot;
        foreach (var part in Parts)
        {
            var from = Path.Combine(source, part);
            if (System.IO.File.Exists(from))
            {
                System.IO.File.Copy(from, Temp.Combine(part));
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(source, file);
                if (relative.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"))
                {
                    continue;
                }

                var to = Temp.Combine(relative);
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                System.IO.File.Copy(file, to);
            }
        }
    }

    public TempDirectory Temp { get; } = new();

    public string Root => Temp.Path;

    public string File(string relative) => Temp.Combine(relative);

    /// <summary>Inserts <paramref name="code"/> before the first line that contains <paramref name="anchor"/> and returns the 1-based line it landed on.</summary>
    public int Plant(string relative, string anchor, string code)
    {
        var lines = System.IO.File.ReadAllLines(File(relative)).ToList();
        var at = lines.FindIndex(l => l.Contains(anchor, StringComparison.Ordinal));
        if (at < 0)
        {
            throw new InvalidOperationException(anchor + " not found in " + relative);
        }

        lines.Insert(at, code);
        System.IO.File.WriteAllLines(File(relative), lines);
        return at + 1;
    }

    /// <summary>Runs the device build on the copy; returns its exit code and everything it printed.</summary>
    public (int ExitCode, string Output) Build(params string[] projects)
    {
        var args = new[] { "--repo", Root, "--nanoframework", NanoFrameworkFiles.Toolchain, "--configuration", "Release" }
            .Concat(projects.SelectMany(p => new[] { "--project", p })).ToArray();
        var output = new StringWriter();
        var exit = global::DeviceBuild.Program.Run(args, output, output);
        return (exit, output.ToString());
    }

    public void Dispose() => Temp.Dispose();
}
