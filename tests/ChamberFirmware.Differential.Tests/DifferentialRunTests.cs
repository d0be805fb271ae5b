using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ChamberFirmware.DeviceBuild.Tests;
using DeviceBuild;
using Xunit;

namespace ChamberFirmware.Differential.Tests;

/// <summary>
/// The same scenarios, the same seeds, two runtimes: .NET 10 here and the real nanoCLR for Linux,
/// running the device build of the same source. Any difference is a behaviour that depends on the
/// runtime, and the test names the first tick where it shows.
/// </summary>
public sealed class DifferentialRunTests
{
    private static readonly string[] Projects = { "ChamberFirmware.Hal", "ChamberFirmware.Hal.Simulated", "ChamberFirmware.Core", "ChamberFirmware.Differential.NanoClr" };

    [Fact]
    public void Every_scenario_gives_the_same_trace_on_dotnet_and_on_nanoclr_tick_for_tick()
    {
        using var copy = new DeviceRepositoryCopy();
        var nanoClr = RunOnNanoClr(copy);
        var dotnet = RunOnDotnet();

        Assert.Null(TraceComparison.FirstDifference(dotnet, nanoClr));
        foreach (var scenario in ScenarioDriver.Names)
        {
            Assert.True(dotnet.Count(l => l.StartsWith(scenario + ",", StringComparison.Ordinal)) > 100, scenario + " traced too few ticks");
        }

        // The scenarios end where they should: Completed, and a cut for each fault.
        Assert.Contains("state=3", Last(dotnet, "completed"));
        foreach (var cut in new[] { "runaway", "link-loss", "sensor-nack", "frozen-counter", "emitter-stuck-on", "over-temperature" })
        {
            Assert.Contains("mode=3", Last(dotnet, cut));
            Assert.DoesNotContain("latched=0,", Last(dotnet, cut));
        }
    }

    [Fact]
    public void A_behaviour_switched_on_NANOFRAMEWORK_1_0_fails_the_comparison_at_its_tick()
    {
        using var copy = new DeviceRepositoryCopy();
        copy.Plant("firmware/Shared/Runtime/ChamberRuntime.cs", "SupervisorOutputs outputs = _supervisor.SensorLoopTick(_inputs, now);",
            "#if NANOFRAMEWORK_1_0\n            if (_ticks == 150) { _inputs.InterlockPowered = !_inputs.InterlockPowered; }\n#endif");

        var difference = TraceComparison.FirstDifference(RunOnDotnet(), RunOnNanoClr(copy));

        // The planted flip acts at the runtime's 150th supervisor tick; the first scenario in which it
        // changes what the trace shows is named, at that tick.
        Assert.NotNull(difference);
        Assert.Matches("^[a-z-]+ tick 150: \\.NET '", difference);
    }

    private static List<string> RunOnDotnet()
    {
        var trace = new ListTrace();
        foreach (var name in ScenarioDriver.Names)
        {
            Assert.True(ScenarioDriver.Run(name, trace) > 0, "unknown scenario " + name);
        }

        return trace.Lines;
    }

    private static List<string> RunOnNanoClr(DeviceRepositoryCopy copy)
    {
        var (exit, output) = copy.Build(Projects);
        Assert.True(exit == 0, output);
        var folder = copy.File("tests/ChamberFirmware.Differential.NanoClr/bin/Release");
        var lines = NanoClrProgram.Run(Path.Combine(NanoFrameworkFiles.Toolchain, "nanoclr", "nanoFramework.nanoCLR.test"), folder, TimeSpan.FromMinutes(5));
        Assert.Contains("differential: done", lines);
        return lines.Where(l => ScenarioDriver.Names.Any(n => l.StartsWith(n + ",", StringComparison.Ordinal))).ToList();
    }

    private static string Last(List<string> trace, string scenario) =>
        trace.Last(l => l.StartsWith(scenario + ",", StringComparison.Ordinal) && !l.StartsWith(scenario + ",cmd", StringComparison.Ordinal));
}
