using System;
using System.Threading.Tasks;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Simulation.Engine;
using ChamberFirmware.Simulation.Hosting;
using ChamberFirmware.Simulation.Scenarios;
using Xunit;

namespace ChamberFirmware.Tools.Tests.ChamberCtl;

/// <summary><c>chamberctl diag --target ws://…/diag</c> against a running simulator's diagnostics bridge.</summary>
public class DiagLiveSimulatorTests
{
    [Fact]
    public async Task Diag_prints_a_readable_report_of_the_simulated_chamber()
    {
        // A session that ends in a link-loss cut, so the report has a state, counters and events to show.
        var simulation = new ChamberSimulation(new SimulationSetup { Seed = 7, CryptographicDeviceNonces = true });
        ScenarioScript.StartTreatment(simulation, ScenarioScript.StandardProfile(durationMilliseconds: 60_000));
        simulation.AdvanceMilliseconds(1_000);
        simulation.DropLink();
        simulation.AdvanceMilliseconds(500);
        Assert.Equal(ChamberState.SafeStop, simulation.State);

        await using var host = new RealTimeHost(simulation, TimeProvider.System);
        host.StartServers(linkPort: 0, diagnosticsPort: 0, fieldPageFolder: null);
        var address = host.DiagnosticsWebSocket!.ToString();

        var run = await Task.Run(() => CliRun.Of("diag", "--target", address));

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("Chamber diagnostics from " + address, run.Output, StringComparison.Ordinal);
        foreach (var section in new[] { "== identity", "== status", "== counters", "== telemetry", "== event log (newest first)" })
        {
            Assert.Contains(section, run.Output, StringComparison.Ordinal);
        }

        Assert.Contains("Simulated chamber", run.Output, StringComparison.Ordinal);
        Assert.Contains(ChamberFirmware.Core.CoreInfo.VersionText, run.Output, StringComparison.Ordinal);
        Assert.Contains("SafeStop", run.Output, StringComparison.Ordinal);
        Assert.Contains("LinkLost", run.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Error);
    }
}
