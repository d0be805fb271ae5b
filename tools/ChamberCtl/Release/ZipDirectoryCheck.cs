using System;
using System.Buffers.Binary;
using System.IO;

namespace ChamberCtl.Release;

/// <summary>
/// Reads a .zip's end-of-central-directory record (and its Zip64 record when there is one) and walks
/// the central directory's headers without keeping them, before <see cref="System.IO.Compression.ZipArchive"/>
/// is given the file: ZipArchive reads the whole central directory into memory (one object per entry)
/// before the first entry can be looked at, so a bundle that lists thousands of entries (or lies
/// about how many it lists) must be refused here, against <see cref="BundleLimits.MaxEntries"/>.
/// Memory used: at most the last 65,557 bytes of the file and one header at a time.
/// </summary>
internal static class ZipDirectoryCheck
{
    private const uint EndOfCentralDirectorySignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EndOfCentralDirectorySignature = 0x06064b50;
    private const uint CentralFileHeaderSignature = 0x02014b50;
    private const int EndOfCentralDirectorySize = 22;
    private const int Zip64LocatorSize = 20;
    private const int Zip64EndOfCentralDirectorySize = 56;
    private const int CentralFileHeaderSize = 46;

    /// <summary>The most bytes an end-of-central-directory record with its comment takes: 22 + 65,535.</summary>
    public const int MaxEndOfCentralDirectoryBytes = EndOfCentralDirectorySize + ushort.MaxValue;

    /// <summary>Why the zip in <paramref name="zip"/> (read from its start; left anywhere) is refused, or null.</summary>
    public static string? Check(Stream zip)
    {
        long length = zip.Length;
        if (length > BundleLimits.MaxTotalBytes)
        {
            return "bundle file is " + length + " bytes, larger than the " + (BundleLimits.MaxTotalBytes / (1024 * 1024)) + " MiB a bundle may be; a release bundle is a few MiB";
        }

        int tailLength = (int)Math.Min(length, MaxEndOfCentralDirectoryBytes + Zip64LocatorSize);
        byte[] tail = new byte[tailLength];
        zip.Seek(length - tailLength, SeekOrigin.Begin);
        zip.ReadExactly(tail);

        // The last signature wins, as ZipArchive searches backwards from the end for it.
        int eocd = -1;
        for (int i = tailLength - EndOfCentralDirectorySize; i >= Math.Max(0, tailLength - MaxEndOfCentralDirectoryBytes); i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == EndOfCentralDirectorySignature)
            {
                eocd = i;
                break;
            }
        }

        if (eocd < 0)
        {
            return "not a zip (no end-of-central-directory record in its last " + MaxEndOfCentralDirectoryBytes + " bytes)";
        }

        var record = tail.AsSpan(eocd);
        ushort disk = BinaryPrimitives.ReadUInt16LittleEndian(record[4..]);
        ushort entriesOnDisk = BinaryPrimitives.ReadUInt16LittleEndian(record[8..]);
        ushort entries = BinaryPrimitives.ReadUInt16LittleEndian(record[10..]);
        uint directorySize = BinaryPrimitives.ReadUInt32LittleEndian(record[12..]);
        uint directoryOffset = BinaryPrimitives.ReadUInt32LittleEndian(record[16..]);
        ulong count = Math.Max(entries, entriesOnDisk);
        long start = directoryOffset;

        bool saturated = disk == ushort.MaxValue || entries == ushort.MaxValue || entriesOnDisk == ushort.MaxValue
            || directorySize == uint.MaxValue || directoryOffset == uint.MaxValue;
        bool hasLocator = eocd >= Zip64LocatorSize
            && BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(eocd - Zip64LocatorSize)) == Zip64LocatorSignature;
        if (saturated || hasLocator)
        {
            // Zip64: more than 65,535 entries or a directory past 4 GiB, the real figures in the Zip64 record.
            if (!hasLocator)
            {
                return "its end-of-central-directory record needs a Zip64 record (" + entries + " entries) and there is none";
            }

            long zip64At = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(tail.AsSpan(eocd - Zip64LocatorSize + 8)), long.MaxValue);
            if (zip64At > length - Zip64EndOfCentralDirectorySize)
            {
                return "its Zip64 end-of-central-directory record lies outside the file";
            }

            byte[] zip64 = new byte[Zip64EndOfCentralDirectorySize];
            zip.Seek(zip64At, SeekOrigin.Begin);
            zip.ReadExactly(zip64);
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip64) != Zip64EndOfCentralDirectorySignature)
            {
                return "its Zip64 end-of-central-directory record is missing";
            }

            count = Math.Max(BinaryPrimitives.ReadUInt64LittleEndian(zip64.AsSpan(24)), BinaryPrimitives.ReadUInt64LittleEndian(zip64.AsSpan(32)));
            start = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(zip64.AsSpan(48)), long.MaxValue);
        }

        if (count > BundleLimits.MaxEntries)
        {
            return TooMany("lists " + count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " entries");
        }

        // The count may lie: ZipArchive reads every consecutive header from the directory's start before it
        // compares their number with it, so count them here first, keeping none.
        return CountHeaders(zip, start, length, count);
    }

    private static string TooMany(string what) =>
        "bundle zip " + what + ", more than " + BundleLimits.MaxEntries + " files and folders (refused before its directory was read); a release bundle has a handful";

    private static string? CountHeaders(Stream zip, long start, long length, ulong listed)
    {
        byte[] header = new byte[CentralFileHeaderSize];
        long at = start;
        for (int seen = 0; at >= 0 && at <= length - CentralFileHeaderSize; seen++)
        {
            zip.Seek(at, SeekOrigin.Begin);
            zip.ReadExactly(header);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != CentralFileHeaderSignature)
            {
                break;
            }

            if (seen == BundleLimits.MaxEntries)
            {
                return TooMany("holds more than " + BundleLimits.MaxEntries + " entries in its central directory (its end record says " + listed.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")");
            }

            at += CentralFileHeaderSize
                + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(28))
                + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(30))
                + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(32));
        }

        return null;
    }
}
