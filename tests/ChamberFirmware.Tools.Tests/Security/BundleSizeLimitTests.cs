using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Linq;
using ChamberCtl.Release;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Security;

/// <summary>
/// A bundle from a shared drive is copied before its signature is read, so the copy itself must
/// not be the attack: a .zip that unpacks to far more than a release bundle (a zip bomb), one with
/// thousands of entries, a name twice, an entry outside the bundle, and a folder bundle that is
/// too big are all refused while copying, with the reason, and the private copy is gone. Folders
/// count as entries (a zip of "dN/" entries, a deep path, a folder tree), and a .zip that is larger
/// than the byte limit or whose end record lists more entries than the limit is refused before
/// ZipArchive reads its central directory into memory.
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

    [Fact]
    public void A_zip_of_folder_entries_past_the_entry_limit_is_refused_before_its_directory_is_read()
    {
        // A million "dN/" entries would make a million folders: folders count as entries.
        string zip = _temp.Combine("folders.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            for (int i = 0; i <= BundleLimits.MaxEntries; i++)
            {
                archive.CreateEntry("d" + i + "/");
            }
        }

        AssertRefused(zip, "bundle zip lists 65 entries, more than 64 files and folders (refused before its directory was read)");
    }

    [Fact]
    public void A_zip_whose_end_record_lists_100000_entries_is_refused_from_that_record_alone()
    {
        // Crafted: no entries at all, only a Zip64 end-of-central-directory record claiming 100,000 of
        // them, its locator and the classic end record (saturated count 0xFFFF). ZipArchive would have
        // to read a directory that is not there, and say so; the refusal names the count instead.
        string zip = _temp.Combine("hundred-thousand.zip");
        File.WriteAllBytes(zip, Zip64EndRecords(entries: 100_000));

        AssertRefused(zip, "bundle zip lists 100000 entries, more than 64 files and folders (refused before its directory was read)");
    }

    [Fact]
    public void A_zip_whose_end_record_lists_65000_entries_without_zip64_is_refused_from_that_record_alone()
    {
        var end = new byte[22];
        BinaryPrimitives.WriteUInt32LittleEndian(end, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(8), 65_000);
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(10), 65_000);
        string zip = _temp.Combine("sixty-five-thousand.zip");
        File.WriteAllBytes(zip, end);

        AssertRefused(zip, "bundle zip lists 65000 entries");
    }

    [Fact]
    public void A_zip_whose_end_record_understates_its_entries_is_refused_by_counting_its_directory()
    {
        // 65 real entries, the end record patched to say 1: ZipArchive would read all of them before
        // noticing; the check counts the headers it would read, keeping none.
        string zip = _temp.Combine("understated.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            for (int i = 0; i <= BundleLimits.MaxEntries; i++)
            {
                archive.CreateEntry("d" + i + "/");
            }
        }

        byte[] bytes = File.ReadAllBytes(zip);
        int end = bytes.Length - 22;
        Assert.Equal(0x06054b50u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(end)));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(end + 8), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(end + 10), 1);
        File.WriteAllBytes(zip, bytes);

        AssertRefused(zip, "holds more than 64 entries in its central directory (its end record says 1)");
    }

    [Fact]
    public void A_zip_entry_whose_path_names_more_folders_than_the_limit_is_refused()
    {
        // One entry, 65 folders deep: the folders its path names count too.
        string zip = _temp.Combine("deep.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        using (var writer = new StreamWriter(archive.CreateEntry(string.Concat(Enumerable.Range(0, BundleLimits.MaxEntries + 1).Select(i => "d" + i + "/")) + "f").Open()))
        {
            writer.Write("x");
        }

        AssertRefused(zip, "more than 64 files and folders");
    }

    [Fact]
    public void A_folder_bundle_with_more_folders_than_the_limit_is_refused_while_copying()
    {
        string folder = _temp.Combine("folder-tree");
        for (int i = 0; i <= BundleLimits.MaxEntries; i++)
        {
            Directory.CreateDirectory(Path.Combine(folder, "d" + i));
        }

        AssertRefused(folder, "more than 64 files and folders");
    }

    [Fact]
    public void A_zip_file_larger_than_the_byte_limit_is_refused_before_it_is_read()
    {
        string zip = _temp.Combine("huge.zip");
        using (var file = File.Create(zip))
        {
            file.SetLength(BundleLimits.MaxTotalBytes + 1); // sparse; not a zip at all, never looked at
        }

        AssertRefused(zip, "bundle file is " + (BundleLimits.MaxTotalBytes + 1) + " bytes, larger than the 64 MiB a bundle may be");
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>A Zip64 end record claiming <paramref name="entries"/>, its locator, and the classic end record, nothing else.</summary>
    private static byte[] Zip64EndRecords(ulong entries)
    {
        var bytes = new byte[56 + 20 + 22];
        var zip64 = bytes.AsSpan(0, 56);
        BinaryPrimitives.WriteUInt32LittleEndian(zip64, 0x06064b50);
        BinaryPrimitives.WriteUInt64LittleEndian(zip64[4..], 56 - 12);
        BinaryPrimitives.WriteUInt16LittleEndian(zip64[12..], 45);
        BinaryPrimitives.WriteUInt16LittleEndian(zip64[14..], 45);
        BinaryPrimitives.WriteUInt64LittleEndian(zip64[24..], entries);
        BinaryPrimitives.WriteUInt64LittleEndian(zip64[32..], entries);
        BinaryPrimitives.WriteUInt64LittleEndian(zip64[40..], entries * 46);
        BinaryPrimitives.WriteUInt64LittleEndian(zip64[48..], 0);
        var locator = bytes.AsSpan(56, 20);
        BinaryPrimitives.WriteUInt32LittleEndian(locator, 0x07064b50);
        BinaryPrimitives.WriteUInt64LittleEndian(locator[8..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(locator[16..], 1);
        var end = bytes.AsSpan(76, 22);
        BinaryPrimitives.WriteUInt32LittleEndian(end, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(end[8..], 0xFFFF);
        BinaryPrimitives.WriteUInt16LittleEndian(end[10..], 0xFFFF);
        BinaryPrimitives.WriteUInt32LittleEndian(end[12..], 0xFFFFFFFF);
        BinaryPrimitives.WriteUInt32LittleEndian(end[16..], 0xFFFFFFFF);
        return bytes;
    }

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
