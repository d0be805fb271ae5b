using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;
using DeviceBuild;

namespace ChamberFirmware.DeviceBuild.Tests;

/// <summary>
/// Writes a minimal but well-formed nanoFramework .pe (NFMRK1 header, assembly references, strings,
/// both CRCs) for tests that need deployment files without running the compiler.
/// </summary>
internal static class SyntheticNanoPe
{
    private const ushort MscorlibName = 0xFCD2;

    public static byte[] Build(string name, Version version, uint nativeChecksum, params (string Name, Version Version)[] references)
    {
        var strings = new MemoryStream();
        var offsets = new Dictionary<string, ushort>(StringComparer.Ordinal);
        ushort Id(string s)
        {
            if (s == "mscorlib")
            {
                return MscorlibName;
            }

            if (!offsets.TryGetValue(s, out var id))
            {
                id = (ushort)strings.Length;
                offsets[s] = id;
                var bytes = Encoding.UTF8.GetBytes(s);
                strings.Write(bytes);
                strings.WriteByte(0);
            }

            return id;
        }

        var nameId = Id(name);
        var refs = new List<byte>();
        foreach (var (refName, refVersion) in references)
        {
            var record = new byte[12];
            BinaryPrimitives.WriteUInt16LittleEndian(record, Id(refName));
            WriteVersion(record, 4, refVersion);
            refs.AddRange(record);
        }

        while (strings.Length % 4 != 0)
        {
            strings.WriteByte(0);
        }

        const int header = 0x7C;
        var stringsStart = header + refs.Count;
        var end = stringsStart + (int)strings.Length;
        var image = new byte[end];
        Encoding.ASCII.GetBytes(NanoPeImage.Marker).CopyTo(image, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(NanoPeImage.NativeChecksumOffset), nativeChecksum);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(0x18), 0xFFFFFFFF);
        WriteVersion(image, 0x1C, version);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x24), nameId);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x26), 1);
        for (var table = 0; table < 16; table++)
        {
            var offset = table == 0 ? header : table <= 11 ? stringsStart : end;
            BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(0x28 + (4 * table)), (uint)offset);
        }

        refs.CopyTo(image, header);
        strings.ToArray().CopyTo(image, stringsStart);
        Seal(image);
        return image;
    }

    /// <summary>Recomputes both CRCs, as the metadata processor leaves them, after a test edited the image.</summary>
    public static void Seal(byte[] image)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(0x0C), NanoPeImage.Crc32(image, 0x7C, image.Length - 0x7C));
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(0x08), 0);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(0x08), NanoPeImage.Crc32(image, 0, 0x7C));
    }

    private static void WriteVersion(byte[] target, int at, Version version)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(target.AsSpan(at), (ushort)version.Major);
        BinaryPrimitives.WriteUInt16LittleEndian(target.AsSpan(at + 2), (ushort)version.Minor);
        BinaryPrimitives.WriteUInt16LittleEndian(target.AsSpan(at + 4), (ushort)Math.Max(0, version.Build));
        BinaryPrimitives.WriteUInt16LittleEndian(target.AsSpan(at + 6), (ushort)Math.Max(0, version.Revision));
    }
}
