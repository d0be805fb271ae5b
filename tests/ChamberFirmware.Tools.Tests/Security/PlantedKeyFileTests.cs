using System;
using System.IO;
using System.Security.Cryptography;
using ChamberFirmware.Simulation.Hosting;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Security;

/// <summary>
/// Issue 13, finding 4: <c>chamberctl sim</c> must not adopt a link key file another user could
/// have planted or read. Each case runs the real command; a refused key file stops it before any
/// socket is opened (exit 1, the reason on stderr), an accepted one runs 50 ms at max speed.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PlantedKeyFileTests
{
    private static readonly string PlantedKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    private static CliRun Sim(string keyFile) =>
        CliRun.Of("sim", "--key-file", keyFile, "--speed", "max", "--duration", "50ms", "--link-port", "0", "--diag-port", "0");

    private static string Plant(TempDirectory temp, UnixFileMode folderMode, UnixFileMode fileMode)
    {
        string folder = temp.Combine("shared");
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, "link.key");
        File.WriteAllText(file, PlantedKey + "\n");
        File.SetUnixFileMode(file, fileMode);
        File.SetUnixFileMode(folder, folderMode);
        return file;
    }

    private const UnixFileMode Owner = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerFolder = Owner | UnixFileMode.UserExecute;
    private const UnixFileMode Everyone = (UnixFileMode)0x1FF; // 0777

    [Fact]
    public void A_key_in_a_world_writable_folder_is_refused_and_the_simulator_does_not_start()
    {
        using var temp = new TempDirectory();
        string file = Plant(temp, Everyone, Owner);
        var run = Sim(file);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is writable by everyone (mode 0777)", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("console link:", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x1A4, "readable by group or others (mode 0644)")] // 0644
    [InlineData(0x1B6, "writable by everyone (mode 0666)")]         // 0666
    [InlineData(0x1B0, "writable by its group (mode 0660)")]        // 0660
    public void A_key_file_others_could_read_or_write_is_refused_with_the_reason(int mode, string reason)
    {
        using var temp = new TempDirectory();
        string file = Plant(temp, OwnerFolder, (UnixFileMode)mode);
        var run = Sim(file);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("refusing the link key file " + file, run.Error, StringComparison.Ordinal);
        Assert.Contains(reason, run.Error, StringComparison.Ordinal);
        Assert.Equal(PlantedKey + "\n", File.ReadAllText(file));
    }

    [Fact]
    public void A_symbolic_link_in_place_of_the_key_file_is_refused()
    {
        using var temp = new TempDirectory();
        string target = Plant(temp, OwnerFolder, Owner);
        string link = temp.Combine("shared", "other.key");
        File.CreateSymbolicLink(link, target);
        var run = Sim(link);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is a symbolic link", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_file_owned_by_another_user_is_refused()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            // Only root can hand a file to another user; the check itself runs on every Linux host.
            Assert.Null(ChamberFirmware.ConsoleLink.Files.PrivatePath.WhyNotOwnerOnly(Plant(new TempDirectory(), OwnerFolder, Owner)));
            return;
        }

        using var temp = new TempDirectory();
        string file = Plant(temp, OwnerFolder, Owner);
        var chown = System.Diagnostics.Process.Start("chown", ["65534", file]);
        chown.WaitForExit();
        Assert.Equal(0, chown.ExitCode);
        var run = Sim(file);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("belongs to user id 65534, not to you", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_owner_only_key_file_is_reused_and_a_new_one_is_created_owner_only_in_a_per_user_folder()
    {
        using var temp = new TempDirectory();
        string file = Plant(temp, OwnerFolder, Owner);
        var run = Sim(file);
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("(existing key)", run.Output, StringComparison.Ordinal);

        string fresh = temp.Combine("new-folder", "link.key");
        byte[] key = DevelopmentKey.LoadOrCreate(fresh, out bool created);
        Assert.True(created);
        Assert.Equal(32, key.Length);
        Assert.Equal(Owner, File.GetUnixFileMode(fresh));
        Assert.Equal(OwnerFolder, File.GetUnixFileMode(temp.Combine("new-folder")));

        Assert.False(DevelopmentKey.DefaultPath.StartsWith(Path.GetTempPath(), StringComparison.Ordinal), DevelopmentKey.DefaultPath);
        Assert.StartsWith(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), DevelopmentKey.DefaultPath, StringComparison.Ordinal);
    }
}
