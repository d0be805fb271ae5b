using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using ChamberCtl.Commands;
using ChamberCtl.Release;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Release;

/// <summary><c>release</c> run from a folder outside any checkout (a technician's release folder), and its input checks.</summary>
public class ReleaseOutsideRepositoryTests
{
    private static CliRun RunOutside(string folder, params string[] args)
    {
        var root = new RootCommand { ReleaseCommand.Create(() => folder) };
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Outside_a_repository_a_missing_deployment_folder_is_the_error_shown()
    {
        using var fixture = new BundleFixture();
        using var outside = new TempDirectory();

        var run = RunOutside(outside.Path, "release", "--deployment", outside.Combine("no-build"), "--signing-key", fixture.Key.PrivateKeyPath, "--output", outside.Combine("bundle"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("deployment folder not found: " + outside.Combine("no-build"), run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("repository root", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outside.Combine("bundle")));
    }

    [Fact]
    public void Outside_a_repository_release_builds_a_verified_bundle_with_the_pins_chamberctl_was_built_with()
    {
        using var fixture = new BundleFixture();
        using var outside = new TempDirectory();
        Assert.Null(PackageInventory.FindRepositoryRoot(outside.Path));

        var run = RunOutside(outside.Path, "release", "--deployment", fixture.Temp.Combine("build"), "--signing-key", fixture.Key.PrivateKeyPath, "--output", outside.Combine("bundle"), "--app-version", "1.5.0-rc.1");

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("package pins (SBOM): the ones this chamberctl was built with", run.Output, StringComparison.Ordinal);
        var verify = CliRun.Of("release", "verify", outside.Combine("bundle"), "--trusted-key", fixture.Key.PublicKeyPath);
        Assert.True(verify.ExitCode == 0, verify.All);
        Assert.Contains("app 1.5.0-rc.1", verify.Output, StringComparison.Ordinal);
        using var sbom = JsonDocument.Parse(File.ReadAllText(Path.Combine(outside.Combine("bundle"), "sbom.cdx.json")));
        Assert.Contains(sbom.RootElement.GetProperty("components").EnumerateArray(), c => c.GetProperty("name").GetString() == "nanoFramework.CoreLibrary");
    }

    [Fact]
    public void The_pins_built_into_chamberctl_are_the_pins_of_this_checkout()
    {
        var fromCheckout = PackageInventory.Read(BundleFixture.RepositoryRoot);
        var embedded = PackageInventory.ReadEmbedded();

        Assert.Equal(Describe(fromCheckout), Describe(embedded));
    }

    [Theory]
    [InlineData("not a version")]
    [InlineData("1.2")]
    [InlineData("v1.2.3")]
    [InlineData("1.2.3; rm -rf")]
    [InlineData("01.2.3")]
    public void An_app_version_that_is_not_a_version_is_refused_with_exit_2_and_nothing_written(string version)
    {
        using var fixture = new BundleFixture();

        var run = CliRun.Of("release", "--deployment", fixture.Temp.Combine("build"), "--signing-key", fixture.Key.PrivateKeyPath, "--output", fixture.Temp.Combine("v-bundle"), "--repo-root", BundleFixture.RepositoryRoot, "--app-version", version);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--app-version '" + version + "' is not a version", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(fixture.Temp.Combine("v-bundle")));
    }

    private static string[] Describe(System.Collections.Generic.IEnumerable<PinnedPackage> packages) =>
        packages.Select(p => p.Id + "@" + p.Version + (p.ShipsOnDevice ? " device " : " host ") + string.Join(",", p.UsedBy)).Order(StringComparer.Ordinal).ToArray();
}
