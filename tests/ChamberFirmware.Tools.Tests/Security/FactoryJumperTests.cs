using System;
using System.Security.Cryptography;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Client;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Tools.Tests.Provisioning;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Security;

/// <summary>
/// Issue 13, finding 8: the factory-fresh live simulator's jumper is removable as on the bench, a
/// committed chamber refuses FactoryProvision, and the banner says what is true.
/// </summary>
public sealed class FactoryJumperTests
{
    private static async Task<CommandResult> FactoryProvisionAsync(LiveSimulator sim)
    {
        var (tcp, transport) = await sim.ConnectAsync();
        using (tcp)
        {
            await using (transport)
            {
                return await ConsoleLinkClient.FactoryProvisionAsync(transport, RandomNumberGenerator.GetBytes(32), sim.Deadline);
            }
        }
    }

    [Fact]
    public async Task A_pulled_jumper_refuses_FactoryProvision_and_a_committed_chamber_refuses_it_even_refitted()
    {
        using var temp = new TempDirectory();
        await using var sim = new LiveSimulator(31, null, factoryFresh: true);

        sim.Host.SetProvisioningJumper(false);
        Assert.Equal(CommandResult.ProvisioningRefused, await FactoryProvisionAsync(sim));
        sim.Host.SetProvisioningJumper(true);
        Assert.Equal(CommandResult.Ok, await FactoryProvisionAsync(sim)); // accepted on a new connection while fitted; its key died with the link

        var run = await ProvisionCli.RunAsync(new RememberingKeyGenerator(), null, "--factory", "--target", "tcp:127.0.0.1:" + sim.LinkPort,
            "--serial", "SIM-0400", "--hardware-revision", "S1", "--key-out", temp.Combine("k.key"));
        Assert.True(run.ExitCode == 0, run.All);

        Assert.Equal(CommandResult.ProvisioningRefused, await FactoryProvisionAsync(sim));
        sim.Host.SetProvisioningJumper(false);
        sim.Host.SetProvisioningJumper(true);
        Assert.Equal(CommandResult.ProvisioningRefused, await FactoryProvisionAsync(sim));
        Assert.True(sim.Simulation.Firmware.Link.HasDeviceKey);
    }

    [Fact]
    public void The_factory_fresh_banner_says_how_FactoryProvision_is_really_accepted()
    {
        var run = CliRun.Of("sim", "--factory-fresh", "--speed", "max", "--duration", "50ms", "--link-port", "0", "--diag-port", "0");
        Assert.True(run.ExitCode == 0, run.All);
        Assert.DoesNotContain("accepted once", run.Output, StringComparison.Ordinal);
        Assert.Contains("FactoryProvision is accepted from any new connection", run.Output, StringComparison.Ordinal);
        Assert.Contains("press J to pull or refit it", run.Output, StringComparison.Ordinal);
    }
}
