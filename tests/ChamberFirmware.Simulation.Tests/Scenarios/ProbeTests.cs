using ChamberFirmware.Simulation.Report;
using ChamberFirmware.Simulation.Scenarios;
using Xunit;
using Xunit.Abstractions;

namespace ChamberFirmware.Simulation.Tests.Scenarios;

public sealed class ProbeTests(ITestOutputHelper output)
{
    [Fact]
    public void Probe()
    {
        var report = ScenarioRunner.Run(new TreatmentScenario(), 1);
        output.WriteLine(ReportJson.Write(report));
    }
}
