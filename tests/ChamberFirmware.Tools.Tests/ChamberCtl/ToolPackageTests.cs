using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.Core;
using ChamberFirmware.Tools.Tests.Hil;
using Xunit;

namespace ChamberFirmware.Tools.Tests.ChamberCtl;

/// <summary>
/// chamberctl on PATH as the README says: pack the project as a .NET tool, install it from that
/// local package into a tool path (no other package source: a nuget.config that clears them), run
/// the installed command.
/// </summary>
public class ToolPackageTests
{
    [Fact]
    public async Task The_packed_tool_installs_from_the_local_package_and_prints_its_version()
    {
        using var dir = new TempDirectory();
        var packages = dir.Combine("packages");
        var tools = dir.Combine("tools");
        var config = dir.Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packages}" />
              </packageSources>
            </configuration>
            """);
        var project = Path.Combine(HilTestData.RepositoryRoot(), "tools", "ChamberCtl", "ChamberCtl.csproj");

        // The test project already built chamberctl in this configuration: pack that build.
        await Dotnet(dir.Path, "pack", project, "--no-build", "-c", BuildConfiguration(), "-o", packages);
        Assert.True(File.Exists(Path.Combine(packages, "chamberctl." + CoreInfo.VersionText + ".nupkg")), "no chamberctl." + CoreInfo.VersionText + ".nupkg in " + packages);
        await Dotnet(dir.Path, "tool", "install", "chamberctl", "--tool-path", tools, "--configfile", config, "--version", CoreInfo.VersionText);
        var installed = Path.Combine(tools, OperatingSystem.IsWindows() ? "chamberctl.exe" : "chamberctl");

        var (exit, output) = await Execute(installed, dir.Path, "--version");

        Assert.True(exit == 0, output);
        Assert.Equal("chamberctl " + CoreInfo.VersionText, output.Trim());
    }

    private static string BuildConfiguration() =>
        AppContext.BaseDirectory.Replace('\\', '/').Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

    private static async Task Dotnet(string workingDirectory, params string[] args)
    {
        var (exit, output) = await Execute(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", workingDirectory, args);
        Assert.True(exit == 0, "dotnet " + string.Join(' ', args) + " failed (" + exit + "):" + Environment.NewLine + output);
    }

    private static async Task<(int Exit, string Output)> Execute(string file, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A bound on a hung child (a machine shared by parallel builds packs slowly).
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
