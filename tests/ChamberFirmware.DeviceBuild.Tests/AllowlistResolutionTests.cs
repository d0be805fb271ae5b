using System;
using System.IO;
using PortabilityGuard;
using Xunit;

namespace ChamberFirmware.DeviceBuild.Tests;

/// <summary>
/// Every allowlist line must name a public API of the nanoFramework package it names, checked in the
/// real assemblies: mscorlib of the pinned CoreLibrary package and ../shared/nanoframework/ref.
/// </summary>
public sealed class AllowlistResolutionTests
{
    private static string[] NanoFrameworkAssemblies => new[]
    {
        Path.GetDirectoryName(NanoFrameworkFiles.MscorlibPe)!,
        Path.Combine(NanoFrameworkFiles.Toolchain, "ref"),
    };

    [Fact]
    public void A_member_nanoFramework_lacks_fails_with_its_file_and_line()
    {
        var (ok, output) = Resolve(
            "# header",
            "member System.String::Concat(System.String,System.String) nanoFramework.CoreLibrary",
            "member System.String::Create(System.Int32) nanoFramework.CoreLibrary");

        Assert.False(ok);
        Assert.Contains("portability: lines.txt:3: allowlist line names System.String::Create(System.Int32), which no nanoFramework assembly has as a public member", output, StringComparison.Ordinal);
        Assert.DoesNotContain("lines.txt:2:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_overload_nanoFramework_lacks_fails_although_the_method_name_exists()
    {
        // nanoFramework's Math has no Int64 overload of Abs: the host would bind one the device lacks.
        var (ok, output) = Resolve("member System.Math::Abs(System.Int64) nanoFramework.System.Math");
        Assert.False(ok);
        Assert.Contains("lines.txt:1: allowlist line names System.Math::Abs(System.Int64)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lowered_line_resolves_by_its_device_member()
    {
        // The host member (String.Format with one object) is not in nanoFramework's mscorlib at all.
        var (hostOnly, _) = Resolve("member System.String::Format(System.String,System.Object) nanoFramework.CoreLibrary");
        Assert.False(hostOnly);

        var (ok, output) = Resolve("lowered System.String::Format(System.String,System.Object) System.String::Format(System.String,System.Object[]) nanoFramework.CoreLibrary");
        Assert.True(ok, output);
        Assert.Contains("all 1 allowlist entries name public APIs of their nanoFramework packages", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lowered_line_whose_device_member_does_not_exist_fails()
    {
        var (ok, output) = Resolve("lowered System.String::Format(System.String,System.Object) System.String::Format(System.String,System.Object,System.Object[]) nanoFramework.CoreLibrary");
        Assert.False(ok);
        Assert.Contains("lines.txt:1: allowlist line names System.String::Format(System.String,System.Object,System.Object[])", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_with_the_wrong_package_fails_and_names_the_right_one()
    {
        var (ok, output) = Resolve("member System.Math::Abs(System.Int32) nanoFramework.CoreLibrary");
        Assert.False(ok);
        Assert.Contains("lines.txt:1: allowlist line names System.Math::Abs(System.Int32) as from nanoFramework.CoreLibrary, but it is in nanoFramework.System.Math", output, StringComparison.Ordinal);

        var (right, rightOutput) = Resolve("member System.Math::Abs(System.Int32) nanoFramework.System.Math");
        Assert.True(right, rightOutput);
    }

    [Fact]
    public void Array_types_resolve_by_their_element_type()
    {
        var (ok, output) = Resolve("type System.Byte[] nanoFramework.CoreLibrary", "type System.String[][] nanoFramework.CoreLibrary");
        Assert.True(ok, output);

        var (missing, missingOutput) = Resolve("type System.Half[] nanoFramework.CoreLibrary");
        Assert.False(missing);
        Assert.Contains("lines.txt:1: allowlist line names System.Half, which no nanoFramework assembly has as a public type", missingOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void The_repository_allowlist_resolves_completely()
    {
        var allowlist = Allowlist.LoadDirectory(Path.Combine(NanoFrameworkFiles.RepositoryRoot, "tools", "PortabilityGuard", "allowlist"));
        var output = new StringWriter();
        Assert.True(AllowlistResolution.Check(allowlist, NanoFrameworkAssemblies, output), output.ToString());
    }

    [Fact]
    public void The_command_line_resolve_in_fails_on_a_bad_line_and_on_a_missing_folder()
    {
        using var temp = new ChamberFirmware.Tools.Tests.TempDirectory();
        File.WriteAllText(Path.Combine(temp.Path, "bad.txt"), "member System.String::Create(System.Int32) nanoFramework.CoreLibrary\n");
        var args = new[] { "--allowlist", temp.Path, "--resolve-in", NanoFrameworkAssemblies[0], "--resolve-in", NanoFrameworkAssemblies[1] };

        var output = new StringWriter();
        Assert.Equal(global::PortabilityGuard.Program.ExitViolations, global::PortabilityGuard.Program.Run(args, output));
        Assert.Contains("bad.txt:1: allowlist line names System.String::Create(System.Int32)", output.ToString(), StringComparison.Ordinal);

        var missing = Path.Combine(temp.Path, "no-such-ref");
        output = new StringWriter();
        Assert.Equal(global::PortabilityGuard.Program.ExitViolations, global::PortabilityGuard.Program.Run(new[] { "--allowlist", temp.Path, "--resolve-in", missing }, output));
        Assert.Contains("portability: nanoFramework assembly or folder not found: " + missing, output.ToString(), StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(temp.Path, "bad.txt"), "member System.String::Concat(System.String,System.String) nanoFramework.CoreLibrary\n");
        output = new StringWriter();
        Assert.Equal(global::PortabilityGuard.Program.ExitClean, global::PortabilityGuard.Program.Run(args, output));
        Assert.Contains("all 1 allowlist entries name public APIs", output.ToString(), StringComparison.Ordinal);
    }

    private static (bool Ok, string Output) Resolve(params string[] lines)
    {
        var allowlist = Allowlist.FromLines("lines.txt", lines);
        Assert.Empty(allowlist.Errors);
        var output = new StringWriter();
        var ok = AllowlistResolution.Check(allowlist, NanoFrameworkAssemblies, output);
        return (ok, output.ToString());
    }
}
