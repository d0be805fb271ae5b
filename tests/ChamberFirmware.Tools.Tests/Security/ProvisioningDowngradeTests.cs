using System;
using System.IO;
using System.Threading.Tasks;
using ChamberCtl.Provisioning;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Tools.Tests.Provisioning;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Security;

/// <summary>
/// Issue 13, finding 3: <c>chamberctl provision --current-key-file</c> against whatever answers on
/// the link. The impostor here is a factory-fresh live simulator with its jumper fitted: it answers
/// every Hello with an unauthenticated Notice(NotProvisioned) and would take a FactoryProvision.
/// </summary>
public sealed class ProvisioningDowngradeTests
{
    private static string CurrentKeyFile(TempDirectory temp)
    {
        string path = temp.Combine("current.key");
        File.WriteAllText(path, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) + "\n");
        return path;
    }

    [Fact]
    public async Task With_a_current_key_an_unauthenticated_NotProvisioned_answer_gets_no_key_and_no_record()
    {
        using var temp = new TempDirectory();
        await using var impostor = new LiveSimulator(21, null, factoryFresh: true);
        var keys = new RememberingKeyGenerator();
        var run = await ProvisionCli.RunAsync(keys, null, "--target", "tcp:127.0.0.1:" + impostor.LinkPort,
            "--current-key-file", CurrentKeyFile(temp), "--key-out", temp.Combine("new.key"), "--record", temp.Combine("record.json"));

        Assert.Equal(ProvisioningExitCodes.Failed, run.ExitCode);
        Assert.Contains("answered NotProvisioned (an unauthenticated notice) instead of proving it holds", run.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was sent to it", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.Combine("new.key")));
        Assert.False(File.Exists(temp.Combine("record.json")));
        Assert.Empty(Directory.GetFiles(temp.Path, ".new.key.pending-*"));

        // The impostor never received the new key: its store is still empty and it took no FactoryProvision.
        Assert.False(impostor.Simulation.Firmware.Link.HasDeviceKey);
        Assert.Equal(0, impostor.Simulation.Storage.WriteCount);
        Assert.Equal(0, impostor.Simulation.Firmware.Link.AcceptedFrameCount);
    }

    [Fact]
    public async Task Without_an_explicit_factory_request_a_factory_state_answer_gets_no_key()
    {
        using var temp = new TempDirectory();
        await using var device = new LiveSimulator(22, null, factoryFresh: true);
        var keys = new RememberingKeyGenerator();
        var run = await ProvisionCli.RunAsync(keys, null, "--target", "tcp:127.0.0.1:" + device.LinkPort,
            "--serial", "SIM-0300", "--hardware-revision", "S1", "--key-out", temp.Combine("new.key"));

        Assert.Equal(ProvisioningExitCodes.Usage, run.ExitCode);
        Assert.Contains("the first key is sent only when you ask for the factory exchange", run.Error, StringComparison.Ordinal);
        Assert.Contains("--factory", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.Combine("new.key")));
        Assert.Equal(0, device.Simulation.Firmware.Link.AcceptedFrameCount);
        Assert.False(device.Simulation.Firmware.Link.HasDeviceKey);

        // Asked for explicitly, on the factory-fresh simulator with its jumper: provisioned and verified.
        var factory = await ProvisionCli.RunAsync(keys, null, "--factory", "--target", "tcp:127.0.0.1:" + device.LinkPort,
            "--serial", "SIM-0300", "--hardware-revision", "S1", "--key-out", temp.Combine("new.key"), "--record", temp.Combine("r.json"));
        Assert.True(factory.ExitCode == 0, factory.All);
        Assert.Contains("verification       passed", factory.Output, StringComparison.Ordinal);
        Assert.True(device.Simulation.Firmware.Link.HasDeviceKey);
    }

    [Fact]
    public async Task Factory_and_a_current_key_together_are_refused_before_anything_is_sent()
    {
        using var temp = new TempDirectory();
        await using var device = new LiveSimulator(23, null, factoryFresh: true);
        var run = await ProvisionCli.RunAsync(new RememberingKeyGenerator(), null, "--factory", "--target", "tcp:127.0.0.1:" + device.LinkPort,
            "--key-file", CurrentKeyFile(temp), "--key-out", temp.Combine("new.key"));
        Assert.Equal(ProvisioningExitCodes.Usage, run.ExitCode);
        Assert.Contains("--factory and --key-file exclude each other", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, device.Simulation.Firmware.Link.AcceptedFrameCount + device.Simulation.Firmware.Link.RejectCounts[(int)LinkRejectReason.NotProvisioned]);
    }
}
