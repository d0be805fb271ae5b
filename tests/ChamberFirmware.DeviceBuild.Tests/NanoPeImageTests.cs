using System;
using System.IO;
using DeviceBuild;
using Xunit;

namespace ChamberFirmware.DeviceBuild.Tests;

public sealed class NanoPeImageTests
{
    private static byte[] Mscorlib => File.ReadAllBytes(NanoFrameworkFiles.MscorlibPe);

    [Fact]
    public void Reads_the_shipped_mscorlib_pe_name_version_and_native_checksum()
    {
        var image = NanoPeImage.Parse(Mscorlib, "mscorlib.pe");

        Assert.Equal("mscorlib", image.Name);
        Assert.Equal(new Version(NanoFrameworkFiles.CoreLibraryVersion + ".0"), image.Version);
        Assert.Equal(0x1549C856u, image.NativeChecksum);
        Assert.Empty(image.References);
    }

    [Fact]
    public void Reads_the_assembly_references_with_their_versions()
    {
        var bytes = SyntheticNanoPe.Build("ChamberFirmware.App", new Version(1, 2, 3, 4), 0, ("mscorlib", new Version(1, 17, 11, 0)), ("ChamberFirmware.Core", new Version(1, 0, 0, 0)));

        var image = NanoPeImage.Parse(bytes, "app.pe");

        Assert.Equal("ChamberFirmware.App", image.Name);
        Assert.Equal(new Version(1, 2, 3, 4), image.Version);
        Assert.Equal(new[] { new NanoPeReference("mscorlib", new Version(1, 17, 11, 0)), new NanoPeReference("ChamberFirmware.Core", new Version(1, 0, 0, 0)) }, image.References);
    }

    [Fact]
    public void Refuses_a_file_that_is_not_a_pe()
    {
        var dll = File.ReadAllBytes(typeof(NanoPeImage).Assembly.Location);
        var error = Assert.Throws<InvalidDataException>(() => NanoPeImage.Parse(dll, "devicebuild.dll"));
        Assert.Contains("devicebuild.dll is not a nanoFramework .pe (no NFMRK1 marker)", error.Message);
        Assert.Contains("shorter than", Assert.Throws<InvalidDataException>(() => NanoPeImage.Parse(new byte[10], "tiny.pe")).Message);
    }

    [Fact]
    public void Refuses_a_truncated_pe_and_one_with_trailing_bytes()
    {
        var whole = Mscorlib;
        Assert.Contains("(truncated)", Assert.Throws<InvalidDataException>(() => NanoPeImage.Parse(whole.AsSpan(0, whole.Length - 1).ToArray(), "mscorlib.pe")).Message);
        var longer = new byte[whole.Length + 4];
        whole.CopyTo(longer, 0);
        Assert.Contains("(trailing bytes)", Assert.Throws<InvalidDataException>(() => NanoPeImage.Parse(longer, "mscorlib.pe")).Message);
    }

    [Theory]
    [InlineData(0x200, "assembly CRC mismatch")]
    [InlineData(0x14, "header CRC mismatch")]
    [InlineData(0x1C, "header CRC mismatch")]
    public void Refuses_a_pe_changed_after_the_metadata_processor_wrote_it(int offset, string reason)
    {
        var bytes = Mscorlib;
        bytes[offset] ^= 0x01;
        Assert.Contains(reason, Assert.Throws<InvalidDataException>(() => NanoPeImage.Parse(bytes, "mscorlib.pe")).Message);
    }
}
