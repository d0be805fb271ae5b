using System;
using System.IO;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Client;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Simulation.Engine;
using ChamberFirmware.Simulation.Hosting;
using ChamberFirmware.Simulation.Scenarios;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Security;

/// <summary>Issue 13, finding 1: a session recorded on the live simulator must not verify after a restart (same seed, same key file).</summary>
[Collection(RealTimeSimulatorCollection.Name)]
public sealed class ReplayAcrossRestartTests
{
    [Fact]
    public async Task A_session_recorded_before_a_simulator_restart_does_not_verify_after_it()
    {
        using var temp = new TempDirectory();
        string keyFile = temp.Combine("link.key");
        RecordingTransport recorded;

        // Boot 1: the real console arms the chamber while the attacker records every frame it sends.
        await using (var first = new LiveSimulator(SimulationSetup.DefaultSeed, keyFile, factoryFresh: false))
        {
            var (tcp, transport) = await first.ConnectAsync();
            using (tcp)
            {
                recorded = new RecordingTransport(transport);
                await using var console = new ConsoleLinkClient(recorded, DevelopmentKey.LoadOrCreate(keyFile, out _), new RandomNonceSource());
                Assert.True((await console.ConnectAsync(first.Deadline)).Reply.IsOk);
                // The live simulator runs on the wall clock: on a loaded machine its first counter
                // sample can come after the console is ready, and arming waits for one. Bounded retries.
                var armed = default(CommandReply);
                for (int attempt = 0; attempt < 500 && armed?.IsOk != true; attempt++)
                {
                    await console.SendHeartbeatAsync(first.Deadline);
                    armed = await console.ArmAsync(ScenarioScript.StandardProfile(), first.Deadline);
                }

                Assert.True(armed?.IsOk == true, "arm refused: " + armed);
                await console.SendHeartbeatAsync(first.Deadline);
                await console.StartAsync(first.Deadline);
            }
        }

        Assert.True(recorded.Sent.Count >= 5);

        // Boot 2: same seed, same key file. The attacker has no key, only the recording.
        await using var second = new LiveSimulator(SimulationSetup.DefaultSeed, keyFile, factoryFresh: false);
        var (attackerTcp, attacker) = await second.ConnectAsync();
        using (attackerTcp)
        {
            var answer = new byte[LinkProtocol.MaxFrameSize + 1];
            foreach (byte[] frame in recorded.Sent)
            {
                await attacker.SendAsync(frame, second.Deadline);
            }

            // A final Hello: its challenge comes back only after every replayed frame was processed.
            byte[] hello = recorded.Sent[0];
            await attacker.SendAsync(hello, second.Deadline);
            int length = await attacker.ReceiveAsync(answer, second.Deadline);
            Assert.Equal((byte)LinkMessageType.HelloChallenge, answer[LinkProtocol.OffsetType]);
            length = await attacker.ReceiveAsync(answer, second.Deadline);

            // No Response to the replayed confirm, arm or start: the next frame is the last Hello's challenge.
            Assert.True(length > 0);
            Assert.Equal((byte)LinkMessageType.HelloChallenge, answer[LinkProtocol.OffsetType]);
        }

        Assert.False(second.Simulation.Firmware.Link.IsSessionBound);
        Assert.True(second.Simulation.Firmware.Link.GetRejectCount(LinkRejectReason.BadTag) >= 1);
        Assert.Equal(ChamberState.Idle, second.Simulation.State);
        Assert.Equal(0, second.Simulation.Board.PoweredChannelMask);
    }

    [Fact]
    public void The_live_simulator_draws_device_nonces_from_the_CSPRNG_and_refuses_to_serve_seeded_ones()
    {
        var seeded = new ChamberSimulation(new SimulationSetup { Seed = 3 });
        var host = new RealTimeHost(seeded, TimeProvider.System);
        var refused = Assert.Throws<InvalidOperationException>(() => host.StartServers(0, null, null));
        Assert.Contains("CSPRNG", refused.Message, StringComparison.Ordinal);
        Assert.Null(host.LinkEndPoint);

        using var temp = new TempDirectory();
        var live = global::ChamberCtl.Commands.SimCommand.CreateLiveSimulation(3, temp.Combine("k.key"), false, out _, out _);
        Assert.True(live.Setup.CryptographicDeviceNonces);
        Assert.True(File.Exists(temp.Combine("k.key")));
    }
}
