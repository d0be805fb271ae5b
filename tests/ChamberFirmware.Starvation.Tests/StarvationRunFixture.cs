using System;
using System.IO;
using System.Linq;
using ChamberFirmware.DeviceBuild.Tests;
using DeviceBuild;

namespace ChamberFirmware.Starvation.Tests;

/// <summary>Builds the starvation program with the device build and runs it once on nanoCLR for all the tests of the class.</summary>
public sealed class StarvationRunFixture : IDisposable
{
    private static readonly string[] Projects = { "ChamberFirmware.Hal", "ChamberFirmware.Hal.Simulated", "ChamberFirmware.Core", "ChamberFirmware.Starvation.NanoClr" };

    private readonly DeviceRepositoryCopy _copy = new();

    public StarvationRunFixture()
    {
        var (exit, output) = _copy.Build(Projects);
        BuildOutput = output;
        if (exit != 0)
        {
            return;
        }

        (string[] launcher, string description) = RealTimeLauncher.Find();
        Launch = description;
        string folder = _copy.File("tests/ChamberFirmware.Starvation.NanoClr/bin/Release");
        Report = new StarvationReport(NanoClrProgram.Run(Path.Combine(NanoFrameworkFiles.Toolchain, "nanoclr", "nanoFramework.nanoCLR.test"), folder, TimeSpan.FromMinutes(3), launcher).ToList());
    }

    public string BuildOutput { get; }

    public string Launch { get; }

    /// <summary>Null when the build failed (BuildOutput says why).</summary>
    public StarvationReport Report { get; }

    public void Dispose() => _copy.Dispose();
}
