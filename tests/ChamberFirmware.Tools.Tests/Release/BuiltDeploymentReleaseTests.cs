using System.IO;
using System.Linq;
using System.Text.Json;
using ChamberFirmware.DeviceBuild.Tests;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Release;

/// <summary>The deployment is built, not assumed: the device build's output becomes a signed bundle that verifies.</summary>
public sealed class BuiltDeploymentReleaseTests
{
    [Fact]
    public void The_device_builds_app_deployment_becomes_a_signed_bundle_that_verifies_and_lists_the_packages_used()
    {
        using var copy = new DeviceRepositoryCopy();
        var (exit, output) = copy.Build("ChamberFirmware.Hal", "ChamberFirmware.Hal.Esp32", "ChamberFirmware.Core", "ChamberFirmware.App.Esp32");
        Assert.True(exit == 0, output);
        var deployment = copy.File("firmware/ChamberFirmware.App.Esp32/bin/Release");

        using var temp = new TempDirectory();
        Assert.Equal(0, CliRun.Of("release", "keygen", "--out", temp.Combine("keys"), "--name", "ci").ExitCode);
        var bundle = temp.Combine("bundle");
        var release = CliRun.Of("release", "--deployment", deployment, "--signing-key", temp.Combine("keys", "ci.private.pem"), "--output", bundle, "--app-version", "1.0.0");
        Assert.True(release.ExitCode == 0, release.All);

        var verify = CliRun.Of("release", "verify", bundle, "--trusted-key", temp.Combine("keys", "ci.public.pem"));
        Assert.True(verify.ExitCode == 0, verify.All);
        var shipped = Directory.GetFiles(Path.Combine(bundle, "app"), "*.pe").Select(Path.GetFileName).Order().ToArray();
        Assert.Contains("ChamberFirmware.App.Esp32.pe", shipped);
        Assert.Contains("mscorlib.pe", shipped);
        Assert.Contains("nanoFramework.Device.Bluetooth.pe", shipped);

        var sbom = File.ReadAllText(Path.Combine(bundle, "sbom.cdx.json"));
        Assert.Contains("\"nanoFramework.Device.Bluetooth\"", sbom);
        Assert.DoesNotContain("nanoFramework.TestFramework", sbom);
    }

    [Fact]
    public void A_deployment_missing_a_referenced_pe_is_refused_before_anything_is_signed()
    {
        using var copy = new DeviceRepositoryCopy();
        Assert.Equal(0, copy.Build("ChamberFirmware.Hal", "ChamberFirmware.Hal.Esp32", "ChamberFirmware.Core", "ChamberFirmware.App.Esp32").ExitCode);
        var deployment = copy.File("firmware/ChamberFirmware.App.Esp32/bin/Release");
        File.Delete(Path.Combine(deployment, "ChamberFirmware.Core.pe"));

        using var temp = new TempDirectory();
        CliRun.Of("release", "keygen", "--out", temp.Combine("keys"), "--name", "ci");
        var release = CliRun.Of("release", "--deployment", deployment, "--signing-key", temp.Combine("keys", "ci.private.pem"), "--output", temp.Combine("bundle"), "--app-version", "1.0.0");

        Assert.NotEqual(0, release.ExitCode);
        Assert.Matches(@"ChamberFirmware\.App\.Esp32 references ChamberFirmware\.Core [0-9.]+, which the deployment lacks", release.All);
        Assert.False(Directory.Exists(temp.Combine("bundle")));
    }
}
