using System;
using System.IO;
using ChamberCtl.Release;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Release;

public class SigningKeyTests
{
    [Fact]
    public void Keygen_writes_a_private_key_only_its_owner_can_read_and_a_public_key()
    {
        using var temp = new TempDirectory();
        var run = CliRun.Of("release", "keygen", "--out", temp.Combine("keys"), "--name", "engineer");

        Assert.Equal(0, run.ExitCode);
        var privatePath = temp.Combine("keys", "engineer.private.pem");
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(privatePath));
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", File.ReadAllText(temp.Combine("keys", "engineer.public.pem")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(privatePath));
        }

        using var key = SigningKeys.LoadPrivateKey(privatePath);
        Assert.Contains("key id " + SigningKeys.KeyId(key), run.Output);
    }

    [Fact]
    public void Keygen_never_overwrites_a_key()
    {
        using var temp = new TempDirectory();
        Assert.Equal(0, CliRun.Of("release", "keygen", "--out", temp.Path, "--name", "k").ExitCode);
        var before = File.ReadAllText(temp.Combine("k.private.pem"));

        var again = CliRun.Of("release", "keygen", "--out", temp.Path, "--name", "k");

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Error);
        Assert.Equal(before, File.ReadAllText(temp.Combine("k.private.pem")));
    }

    [Fact]
    public void Keygen_refuses_to_write_a_private_key_inside_a_git_work_tree()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("repo", ".git"));

        var run = CliRun.Of("release", "keygen", "--out", temp.Combine("repo", "keys"), "--name", "k");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("refusing to write a private key inside the git work tree", run.Error);
        Assert.False(Directory.Exists(temp.Combine("repo", "keys")));
    }

    [Fact]
    public void The_default_key_folder_is_outside_this_repository()
    {
        var root = BundleFixture.RepositoryRoot;
        Assert.False(SigningKeyGenerator.DefaultDirectory.StartsWith(root, StringComparison.Ordinal));
    }

    [Fact]
    public void The_pinned_public_keys_are_embedded_and_load_as_p256_keys()
    {
        using var store = TrustedKeyStore.Create(Array.Empty<string>());
        var pems = Directory.GetFiles(Path.Combine(BundleFixture.RepositoryRoot, "tools", "ChamberCtl", "Release", "TrustedKeys"), "*.pem");

        Assert.NotEmpty(pems);
        Assert.Equal(pems.Length, store.KeyIds.Count);
        foreach (var pem in pems)
        {
            Assert.DoesNotContain("PRIVATE KEY", File.ReadAllText(pem));
        }
    }
}
