using System;
using System.IO;
using System.IO.Compression;
using ChamberCtl.Release;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Security;

/// <summary>
/// A bundle from a shared drive is copied before its signature is read, so the copy itself must
/// not be the attack: a .zip that unpacks to far more than a release bundle (a zip bomb), one with
/// thousands of entries, a name twice, an entry outside the bundle, and a folder bundle that is
/// too big are all refused while copying, with the reason, and the private copy is gone.
/// </summary>
public sealed class BundleSizeLimitTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void A_zip_that_unpacks_past_the_limit_is_refused_while_unpacking_and_leaves_nothing()
    {
        string zip = _temp.Combine("bomb.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        using (var entry = archive.CreateEntry("app/deploy.bin", CompressionLevel.SmallestSize).Open())
        {
            var zeros = new byte[1024 * 1024];
            for (int i = 0; i < 80; i++)
            {
                entry.Write(zeros); // 80 MiB of zeros, about 80 KB compressed
            }
        }

        Assert.True(new FileInfo(zip).Length < 1024 * 1024);
        AssertRefused(zip, "larger than 64 MiB unpacked");
    }

    [Fact]
    public void A_zip_with_more_entries_than_a_bundle_has_is_refused()
    {
        string zip = _temp.Combine("many.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            for (int i = 0; i <= BundleLimits.MaxEntries; i++)
            {
                using var writer = new StreamWriter(archive.CreateEntry("f" + i).Open());
                writer.Write("x");
            }
        }

        AssertRefused(zip, "more than 64 files");
    }

    [Fact]
    public void A_zip_with_the_same_name_twice_is_refused()
    {
        string zip = _temp.Combine("twice.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            foreach (string text in new[] { "signed", "swapped" })
            {
                using var writer = new StreamWriter(archive.CreateEntry("manifest.json").Open());
                writer.Write(text);
            }
        }

        AssertRefused(zip, "two entries named manifest.json");
    }

    [Fact]
    public void A_zip_entry_outside_the_bundle_is_refused()
    {
        string zip = _temp.Combine("traversal.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        using (var writer = new StreamWriter(archive.CreateEntry("../escaped.txt").Open()))
        {
            writer.Write("x");
        }

        AssertRefused(zip, "would land outside the bundle");
        Assert.False(File.Exists(_temp.Combine("escaped.txt")));
    }

    [Fact]
    public void A_folder_bundle_past_the_limit_is_refused_while_copying()
    {
        string folder = _temp.Combine("huge-bundle");
        Directory.CreateDirectory(folder);
        using (var file = File.Create(Path.Combine(folder, "deploy.bin")))
        {
            file.SetLength(BundleLimits.MaxTotalBytes + 1); // sparse: reads as zeros
        }

        AssertRefused(folder, "larger than 64 MiB unpacked");
    }

    public void Dispose() => _temp.Dispose();

    private void AssertRefused(string bundle, string reason)
    {
        string privateRoot = _temp.Combine("private");
        Directory.CreateDirectory(privateRoot);
        Assert.False(OpenedBundle.TryOpen(bundle, out var opened, out string error, privateRoot));
        Assert.Null(opened);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(privateRoot));
    }
}
