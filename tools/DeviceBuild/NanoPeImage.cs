using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace DeviceBuild
{
    /// <summary>
    /// The header of a nanoFramework .pe file (CLR_RECORD_ASSEMBLY as the metadata processor writes it:
    /// nanoframework/metadata-processor nanoAssemblyDefinition.cs) and its assembly references, read
    /// and checked: marker, both CRC32s, the table offsets and the declared end. Anything else
    /// (a .dll, a truncated copy, a flipped byte) is refused with the reason, never half-read.
    /// </summary>
    public sealed class NanoPeImage
    {
        public const string Marker = "NFMRK1";
        public const int NativeChecksumOffset = 0x14;
        private const int HeaderCrcOffset = 0x08;
        private const int AssemblyCrcOffset = 0x0C;
        private const int VersionOffset = 0x1C;
        private const int NameOffset = 0x24;
        private const int TablesOffset = 0x28;
        private const int TableCount = 16;
        private const int HeaderSize = 0x7C;
        private const int AssemblyRefTable = 0;
        private const int TypeRefTable = 1;
        private const int StringsTable = 11;
        private const int EndOfAssembly = 15;
        private const int AssemblyRefSize = 12;

        /// <summary>
        /// Names nanoCLR keeps in its built-in string table (c_CLR_StringTable_Data) rather than in the
        /// assembly: a reference to these assemblies names them by an index above the assembly's own
        /// strings. Seen in the metadata processor's output for this runtime line.
        /// </summary>
        private static readonly Dictionary<ushort, string> BuiltInNames = new()
        {
            [0xFCD2] = "mscorlib",
            [0xFE28] = "System.Threading",
        };

        private NanoPeImage(string name, Version version, uint nativeChecksum, int length, IReadOnlyList<NanoPeReference> references)
        {
            Name = name;
            Version = version;
            NativeChecksum = nativeChecksum;
            Length = length;
            References = references;
        }

        public string Name { get; }

        public Version Version { get; }

        /// <summary>The checksum of the native methods this assembly expects the firmware to implement (0: none).</summary>
        public uint NativeChecksum { get; }

        public int Length { get; }

        public IReadOnlyList<NanoPeReference> References { get; }

        public static NanoPeImage Read(string path) => Parse(File.ReadAllBytes(path), Path.GetFileName(path));

        /// <summary>Parses and checks the image; throws <see cref="InvalidDataException"/> naming what is wrong.</summary>
        public static NanoPeImage Parse(byte[] bytes, string fileName)
        {
            if (bytes.Length < HeaderSize || Encoding.ASCII.GetString(bytes, 0, Marker.Length) != Marker || bytes[6] != 0 || bytes[7] != 0)
            {
                throw new InvalidDataException(fileName + " is not a nanoFramework .pe (no " + Marker + " marker" + (bytes.Length < HeaderSize ? ", shorter than the " + HeaderSize.ToString(CultureInfo.InvariantCulture) + "-byte header" : string.Empty) + ")");
            }

            var tables = new int[TableCount];
            for (var i = 0; i < TableCount; i++)
            {
                tables[i] = checked((int)U32(bytes, TablesOffset + (4 * i)));
                if (tables[i] < HeaderSize || (i > 0 && tables[i] < tables[i - 1]))
                {
                    throw new InvalidDataException(fileName + ": table offsets are out of order (a damaged .pe)");
                }
            }

            if (tables[EndOfAssembly] != bytes.Length)
            {
                throw new InvalidDataException(fileName + ": the header declares " + tables[EndOfAssembly].ToString(CultureInfo.InvariantCulture) + " bytes but the file has " + bytes.Length.ToString(CultureInfo.InvariantCulture) + (bytes.Length < tables[EndOfAssembly] ? " (truncated)" : " (trailing bytes)"));
            }

            var assemblyCrc = Crc32(bytes, HeaderSize, bytes.Length - HeaderSize);
            if (assemblyCrc != U32(bytes, AssemblyCrcOffset))
            {
                throw new InvalidDataException(fileName + ": assembly CRC mismatch (the tables were changed after the metadata processor wrote them)");
            }

            var header = new byte[HeaderSize];
            Array.Copy(bytes, header, HeaderSize);
            Array.Clear(header, HeaderCrcOffset, 4);
            if (Crc32(header, 0, HeaderSize) != U32(bytes, HeaderCrcOffset))
            {
                throw new InvalidDataException(fileName + ": header CRC mismatch (the header was changed after the metadata processor wrote it)");
            }

            string ReadString(ushort index)
            {
                if (BuiltInNames.TryGetValue(index, out var builtIn))
                {
                    return builtIn;
                }

                var start = tables[StringsTable] + index;
                var end = start;
                while (end < tables[StringsTable + 1] && bytes[end] != 0)
                {
                    end++;
                }

                if (start >= tables[StringsTable + 1] || end >= tables[StringsTable + 1])
                {
                    throw new InvalidDataException(fileName + ": string 0x" + index.ToString("X4", CultureInfo.InvariantCulture) + " is outside its string table");
                }

                return Encoding.UTF8.GetString(bytes, start, end - start);
            }

            var references = new List<NanoPeReference>();
            var refTableEnd = tables[TypeRefTable];
            if ((refTableEnd - tables[AssemblyRefTable]) % AssemblyRefSize != 0)
            {
                throw new InvalidDataException(fileName + ": the assembly reference table has a partial record");
            }

            for (var at = tables[AssemblyRefTable]; at < refTableEnd; at += AssemblyRefSize)
            {
                references.Add(new NanoPeReference(ReadString(U16(bytes, at)), ReadVersion(bytes, at + 4)));
            }

            return new NanoPeImage(ReadString(U16(bytes, NameOffset)), ReadVersion(bytes, VersionOffset), U32(bytes, NativeChecksumOffset), bytes.Length, references);
        }

        /// <summary>CRC-32 as the metadata processor computes it (polynomial 0x04C11DB7, MSB first, initial 0).</summary>
        public static uint Crc32(byte[] data, int offset, int count)
        {
            uint crc = 0;
            for (var i = offset; i < offset + count; i++)
            {
                crc ^= (uint)data[i] << 24;
                for (var bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
                }
            }

            return crc;
        }

        private static Version ReadVersion(byte[] bytes, int at) =>
            new(U16(bytes, at), U16(bytes, at + 2), U16(bytes, at + 4), U16(bytes, at + 6));

        private static uint U32(byte[] bytes, int at) => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at, 4));

        private static ushort U16(byte[] bytes, int at) => BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at, 2));
    }
}
