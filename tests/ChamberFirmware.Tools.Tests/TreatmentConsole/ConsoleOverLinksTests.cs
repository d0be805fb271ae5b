using System;
using System.CommandLine;
using System.IO;
using System.Threading.Tasks;
using ChamberCtl.Commands;
using ChamberFirmware.Tools.Tests.Provisioning;
using Xunit;

namespace ChamberFirmware.Tools.Tests.TreatmentConsole;

/// <summary>
/// <c>chamberctl console</c> reaches the chamber through the same target resolution as provision and
/// diag: over TCP and over Bluetooth LE (the stand-in BlueZ on a private D-Bus bus, backed by the
/// real runtime), with the key the bench provisioning just wrote.
/// </summary>
public sealed class ConsoleOverLinksTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly RememberingKeyGenerator _keys = new();

    public static TheoryData<LinkKind> Links => new() { LinkKind.Tcp, LinkKind.Ble };

    [SkippableTheory]
    [MemberData(nameof(Links))]
    public async Task The_console_opens_a_session_and_reads_status_with_the_provisioned_key(LinkKind link)
    {
        await using var device = await ProvisioningDevice.StartAsync(link);
        string key = _temp.Combine("CH-0100.key");
        var provision = await ProvisionCli.RunAsync(_keys, device.Connector, "--factory", "--target", device.Target, "--serial", "CH-0100", "--hardware-revision", "B2", "--key-out", key);
        Assert.True(provision.ExitCode == 0, provision.All);
        device.JumperFitted = false;
        device.LetTimePass();

        var run = await Task.Run(() => Console(device, "--target", device.Target, "--key-file", key, "--commands", "status")).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("session open with CH-0100", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"state:\s+Idle", run.Output);
    }

    public void Dispose() => _temp.Dispose();

    private static CliRun Console(ProvisioningDevice device, params string[] args)
    {
        var root = new RootCommand { ConsoleCommand.Create(device.Connector, TimeProvider.System, () => new StringReader(string.Empty), () => false) };
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = root.Parse(["console", .. args]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(exit, output.ToString(), error.ToString());
    }
}
