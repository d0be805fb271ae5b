using System;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ChamberCtl;
using ChamberCtl.Provisioning;
using ChamberFirmware.ConsoleLink.Client;
using ChamberFirmware.ConsoleLink.Transport;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Simulation.Engine;
using ChamberFirmware.Simulation.Hosting;
using ChamberFirmware.Simulation.Scenarios;
using Xunit;

namespace ChamberFirmware.Simulation.Tests.Hosting;

/// <summary>
/// What a user does: <c>chamberctl sim --factory-fresh</c>, then <c>chamberctl provision --target
/// tcp:127.0.0.1:PORT ...</c>, then a console with the new key. Everything in-process over real TCP
/// against the live host, bounded by a cancellation token (no sleeping).
/// </summary>
public sealed class LiveProvisioningTests
{
    [Fact]
    public async Task Chamberctl_provision_over_tcp_provisions_a_factory_fresh_live_simulator_through_the_runtime()
    {
        var simulation = new ChamberSimulation(new SimulationSetup { Provisioning = ProvisioningMode.FactoryFresh, JumperFitted = true, Seed = 12, CryptographicDeviceNonces = true });
        await using var host = new RealTimeHost(simulation, TimeProvider.System);
        host.StartServers(0, null, null);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Task running = host.RunAsync(SimulationSpeed.RealTime, 600_000, TimeSpan.FromMilliseconds(100), () => { }, stop.Token);
        DirectoryInfo folder = Directory.CreateTempSubdirectory("chamberctl-live-provision-");
        try
        {
            string keyOut = Path.Combine(folder.FullName, "SIM-0100.key");
            string recordOut = Path.Combine(folder.FullName, "SIM-0100.json");
            var output = new StringWriter();
            var error = new StringWriter();
            int exit = await Task.Run(() => ChamberCtlApp.Run(
                ["provision", "--factory", "--target", "tcp:127.0.0.1:" + host.LinkEndPoint!.Port, "--serial", "SIM-0100", "--hardware-revision", "S1",
                    "--link-timeout-ms", "400", "--key-out", keyOut, "--record", recordOut],
                output, error)).WaitAsync(stop.Token);

            Assert.True(exit == 0, output + "\n" + error);
            Assert.Contains("verification       passed", output.ToString(), StringComparison.Ordinal);
            byte[] key = LinkKeyFile.Read(keyOut, "test");
            simulation.Board.ProvisioningJumperFitted = false; // the bench removes the jumper

            // A console with the new key, over TCP. A garbage frame first: the device rejects it
            // without an answer, and because frames go through the runtime, its diagnostics count it.
            var tcp = new TcpClient();
            await tcp.ConnectAsync(host.LinkEndPoint!, stop.Token);
            var transport = new LengthPrefixedStreamTransport(tcp.GetStream());
            await transport.SendAsync(new byte[] { 0x01, 0x02, 0x03 }, stop.Token);
            await using var client = new ConsoleLinkClient(transport, key, new SeededNonceSource(9));
            Assert.True((await client.ConnectAsync(stop.Token)).Reply.IsOk);

            int[] linkRejects = simulation.Firmware.Link.RejectCounts;
            int counted = 0;
            for (int reason = 1; reason < linkRejects.Length; reason++)
            {
                Assert.Equal(linkRejects[reason], simulation.Firmware.Diagnostics.Counters.LinkRejectsFor(reason));
                counted += linkRejects[reason];
            }

            Assert.True(counted >= 1, "the garbage frame was not counted");

            // Provisioned for real: the chamber arms with the new key and the committed settings are in force.
            await client.SendHeartbeatAsync(stop.Token);
            var arm = await client.ArmAsync(ScenarioScript.StandardProfile(), stop.Token);
            Assert.True(arm.IsOk, arm.ToString());
            ChamberState state = ChamberState.Idle;
            while (state != ChamberState.Armed && !stop.IsCancellationRequested)
            {
                await client.SendHeartbeatAsync(stop.Token);
                state = (await client.GetStatusAsync(stop.Token)).Status.State;
                Assert.NotEqual(ChamberState.SafeStop, state);
            }

            Assert.Equal(ChamberState.Armed, state);
            Assert.Equal(400_000, simulation.Firmware.Supervisor.LinkTimeoutMicroseconds);
        }
        finally
        {
            await stop.CancelAsync();
            await running;
            folder.Delete(recursive: true);
        }
    }
}
