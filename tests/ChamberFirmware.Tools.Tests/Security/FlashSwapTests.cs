using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using ChamberCtl.Commands;
using ChamberCtl.Flashing;
using ChamberCtl.Release;
using ChamberFirmware.Tools.Tests.Flashing;
using ChamberFirmware.Tools.Tests.Release;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Security;

/// <summary>
/// Issue 13, finding 2: <c>chamberctl flash</c> verifies one file and flashes another. The nanoff
/// stand-in swaps the application image for an unsigned one while the nanoCLR update runs (step 3),
/// the moment the original attack used; what the deploy step was handed is what would be on the board.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FlashSwapTests : IDisposable
{
    private const string Port = "/dev/ttyUSB0";
    private static readonly byte[] Unsigned = { 0xEE, 0xEE, 0xBA, 0xD0, 1, 2, 3 };
    private readonly BundleFixture _bundle = new();
    private readonly NanoffStandIn _nanoff;

    public FlashSwapTests()
    {
        _nanoff = new NanoffStandIn(_bundle.Temp);
        _nanoff.DeviceDetails("Target: " + FirmwarePin.Target + "\nCLR Version: " + FirmwarePin.FirmwareVersion + "\n");
        File.WriteAllBytes(_bundle.Temp.Combine("unsigned.bin"), Unsigned);
    }

    public void Dispose() => _bundle.Dispose();

    [Fact]
    public void Swapping_the_image_in_the_bundle_folder_during_the_update_does_not_reach_the_board()
    {
        byte[] signed = File.ReadAllBytes(_bundle.File("app/deploy.bin"));
        _nanoff.OnStep("update", $"cp '{_bundle.Temp.Combine("unsigned.bin")}' '{_bundle.File("app/deploy.bin")}'");

        var run = CliRun.Of("flash", "--bundle", _bundle.BundleDirectory, "--port", Port, "--nanoff", _nanoff.Path,
            "--trusted-key", _bundle.Key.PublicKeyPath, "--record-dir", _bundle.Temp.Combine("records"));

        Assert.Equal(Unsigned, File.ReadAllBytes(_bundle.File("app/deploy.bin"))); // the swap happened
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Equal(signed, _nanoff.Deployed());
        Assert.NotEqual(Unsigned, _nanoff.Deployed());
    }

    [Fact]
    public void Swapping_the_image_in_the_private_copy_is_caught_by_the_hash_right_before_nanoff_reads_it()
    {
        string work = _bundle.Temp.Combine("work");
        Directory.CreateDirectory(work);
        _nanoff.OnStep("update", $"for f in '{work}'/chamberctl-bundle-*/app/deploy.bin; do cp '{_bundle.Temp.Combine("unsigned.bin")}' \"$f\"; done");
        var error = new StringWriter();
        var output = new StringWriter();
        var session = new FlashSession(new ProcessRunner(), TimeProvider.System, FlashCommand.CreateConsole(output), error);
        var request = new FlashRequest(_bundle.BundleDirectory, Port, _nanoff.Path, new[] { _bundle.Key.PublicKeyPath }, _bundle.Temp.Combine("records"), null, null, work);

        var outcome = session.Run(request);

        Assert.False(outcome.Succeeded);
        Assert.Equal(FlashStep.DeployApplication, outcome.FailedStep);
        Assert.Contains("app/deploy.bin changed after verification", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("the image was not flashed", error.ToString(), StringComparison.Ordinal);
        Assert.Null(_nanoff.Deployed());
        Assert.DoesNotContain(_nanoff.Calls(), c => c.Contains("--deploy"));
        Assert.DoesNotContain("FLASHED", output.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(work)); // the private copy is gone
        var record = JsonNode.Parse(File.ReadAllText(Directory.GetFiles(_bundle.Temp.Combine("records"), "flash-*.json").Single()))!;
        Assert.Equal("DeployApplication", (string?)record["failedStep"]);
    }

    [Fact]
    public void The_private_copy_is_owner_only_while_nanoff_runs()
    {
        string work = _bundle.Temp.Combine("work");
        Directory.CreateDirectory(work);
        _nanoff.OnStep("update", $"stat -c %a '{work}'/chamberctl-bundle-* > '{_bundle.Temp.Combine("mode.txt")}'");
        var session = new FlashSession(new ProcessRunner(), TimeProvider.System, FlashCommand.CreateConsole(new StringWriter()), new StringWriter());
        Assert.True(session.Run(new FlashRequest(_bundle.BundleDirectory, Port, _nanoff.Path, new[] { _bundle.Key.PublicKeyPath }, _bundle.Temp.Combine("records"), null, null, work)).Succeeded);
        Assert.Equal("700", File.ReadAllText(_bundle.Temp.Combine("mode.txt")).Trim());
    }

    [Fact]
    public void A_symbolic_link_in_a_bundle_folder_is_refused_before_anything_touches_the_board()
    {
        File.Delete(_bundle.File("app/deploy.bin"));
        File.CreateSymbolicLink(_bundle.File("app/deploy.bin"), _bundle.Temp.Combine("unsigned.bin"));
        var run = CliRun.Of("flash", "--bundle", _bundle.BundleDirectory, "--port", Port, "--nanoff", _nanoff.Path,
            "--trusted-key", _bundle.Key.PublicKeyPath, "--record-dir", _bundle.Temp.Combine("records"));
        Assert.Equal(1, run.ExitCode);
        Assert.True(run.Error.Contains("bundle contains a symbolic link: app/deploy.bin", StringComparison.Ordinal), run.All);
        Assert.Empty(_nanoff.Calls());
    }
}
