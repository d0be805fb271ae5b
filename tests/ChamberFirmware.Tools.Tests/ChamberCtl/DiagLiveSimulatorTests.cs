using System;
using System.Threading.Tasks;
using ChamberCtl.Commands;
using ChamberFirmware.ConsoleLink.Ble;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Simulation.Engine;
using ChamberFirmware.Simulation.Hosting;
using ChamberFirmware.Simulation.Scenarios;
using ChamberFirmware.Tools.Tests.Ble;
using Xunit;

namespace ChamberFirmware.Tools.Tests.ChamberCtl;

/// <summary>
/// <c>chamberctl diag --target …</c> against the simulated chamber's diagnostics: through a running
/// simulator's WebSocket bridge, and over Bluetooth LE (the diagnostics GATT service of the stand-in
/// BlueZ, read with ReadValue). One test body for both.
/// </summary>
public class DiagLiveSimulatorTests
{
    public static TheoryData<string> Transports => new() { "ws", "ble" };

    [SkippableTheory]
    [MemberData(nameof(Transports))]
    public async Task Diag_prints_a_readable_report_of_the_simulated_chamber(string transport)
    {
        // A session that ends in a link-loss cut, so the report has a state, counters and events to show.
        var simulation = new ChamberSimulation(new SimulationSetup { Seed = 7, CryptographicDeviceNonces = true });
        ScenarioScript.StartTreatment(simulation, ScenarioScript.StandardProfile(durationMilliseconds: 60_000));
        simulation.AdvanceMilliseconds(1_000);
        simulation.DropLink();
        simulation.AdvanceMilliseconds(500);
        Assert.Equal(ChamberState.SafeStop, simulation.State);

        string address;
        CliRun run;
        if (transport == "ws")
        {
            await using var host = new RealTimeHost(simulation, TimeProvider.System);
            host.StartServers(linkPort: 0, diagnosticsPort: 0, fieldPageFolder: null);
            address = host.DiagnosticsWebSocket!.ToString();
            run = await Task.Run(() => CliRun.Of("diag", "--target", address));
        }
        else
        {
            string serial = new SimulationSetup { Seed = 7 }.SerialNumber;
            await using var blueZ = await BlueZStandIn.StartAsync(new StandInChamber(
                "C0:FF:EE:00:00:07", () => ChamberAdvertisement.NameFor(serial), () => new SimulatedFirmwareLinkEndpoint(simulation), () => simulation.Firmware.Diagnostics));
            address = "ble:serial=" + serial;
            var options = blueZ.Options(TimeProvider.System);
            run = await Task.Run(() => CliRun.Of(DiagCommand.Create(options), "diag", "--target", address)).WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(blueZ.Device.Paired);
            Assert.Equal(1, blueZ.Disconnections);
        }

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

    [SkippableTheory]
    [MemberData(nameof(ServedDiagnostics.Transports), MemberType = typeof(ServedDiagnostics))]
    public async Task A_factory_fresh_simulator_reads_in_words_and_shows_its_identity_after_provisioning_without_a_reboot(string transport)
    {
        using var temp = new TempDirectory();
        var simulation = new ChamberSimulation(new SimulationSetup { Seed = 7, Provisioning = ProvisioningMode.FactoryFresh, JumperFitted = true, CryptographicDeviceNonces = true });
        simulation.AdvanceMilliseconds(500);
        // ws: the bridge, with the console link on TCP beside it; ble: both services of the one board.
        await using var served = await ServedDiagnostics.StartAsync(transport, simulation.Firmware.Diagnostics, ChamberAdvertisement.NameFor(string.Empty),
            () => new SimulatedFirmwareLinkEndpoint(simulation));

        var before = await served.RunDiag();

        Assert.True(before.ExitCode == 0, before.All);
        Assert.Matches(@"serial number:\s*\n", before.Output);
        Assert.Contains("link age:                no heartbeat yet", before.Output, StringComparison.Ordinal);
        Assert.Matches(@"Reset\s+Idle\s+—\s+0\s+no heartbeat yet\s+—\s+none\s+not provisioned", before.Output);
        Assert.DoesNotContain("65535", before.Output, StringComparison.Ordinal);

        var provision = await served.RunProvision("--factory", "--serial", "SIM-0200", "--hardware-revision", "S1", "--key-out", temp.Combine("SIM-0200.key"));
        Assert.True(provision.ExitCode == 0, provision.All);
        simulation.AdvanceMilliseconds(200);

        var after = await served.RunDiag();

        Assert.True(after.ExitCode == 0, after.All);
        Assert.Contains("serial number:           SIM-0200", after.Output, StringComparison.Ordinal);
        Assert.Contains("hardware revision:       S1", after.Output, StringComparison.Ordinal);
        Assert.Contains("provisioned:             yes", after.Output, StringComparison.Ordinal);
    }
}
