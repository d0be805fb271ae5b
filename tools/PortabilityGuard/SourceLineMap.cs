using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace PortabilityGuard
{
    /// <summary>
    /// Maps methods (and IL offsets inside them) to source file:line through the portable PDB next to
    /// the assembly, so every error points at the line to change. Without a PDB, locations are omitted.
    /// </summary>
    public sealed class SourceLineMap : IDisposable
    {
        private readonly MetadataReaderProvider? _provider;
        private readonly MetadataReader? _pdb;
        private readonly string? _repositoryRoot;

        private SourceLineMap(MetadataReaderProvider? provider, string? repositoryRoot)
        {
            _provider = provider;
            _pdb = provider?.GetMetadataReader();
            _repositoryRoot = repositoryRoot;
        }

        public bool HasSymbols => _pdb is not null;

        /// <summary>Opens the portable PDB beside <paramref name="assemblyPath"/> (or embedded in it), if any.</summary>
        public static SourceLineMap Open(string assemblyPath, PEReader peReader)
        {
            var root = FindRepositoryRoot(Path.GetDirectoryName(Path.GetFullPath(assemblyPath)));
            var pdbPath = Path.ChangeExtension(assemblyPath, ".pdb");
            if (File.Exists(pdbPath))
            {
                try
                {
                    var bytes = File.ReadAllBytes(pdbPath);
                    return new SourceLineMap(MetadataReaderProvider.FromPortablePdbImage(System.Collections.Immutable.ImmutableArray.Create(bytes)), root);
                }
                catch (BadImageFormatException)
                {
                    // A Windows (non-portable) PDB: no lines, but still check the assembly.
                }
            }

            foreach (var entry in peReader.ReadDebugDirectory())
            {
                if (entry.Type == DebugDirectoryEntryType.EmbeddedPortablePdb)
                {
                    return new SourceLineMap(peReader.ReadEmbeddedPortablePdbDebugDirectoryData(entry), root);
                }
            }

            return new SourceLineMap(null, root);
        }

        /// <summary>Where <paramref name="method"/> is, at <paramref name="ilOffset"/> or at its first line.</summary>
        public SourceLocation? Locate(MethodDefinitionHandle method, int? ilOffset = null)
        {
            if (_pdb is null || method.IsNil)
            {
                return null;
            }

            var debugInfo = _pdb.GetMethodDebugInformation(method.ToDebugInformationHandle());
            SequencePoint? best = null;
            SequencePoint? first = null;
            foreach (var point in debugInfo.GetSequencePoints())
            {
                if (point.IsHidden)
                {
                    continue;
                }

                first ??= point;
                if (ilOffset is int offset && point.Offset <= offset)
                {
                    best = point;
                }
            }

            var chosen = best ?? first;
            if (chosen is not SequencePoint sequencePoint)
            {
                return null;
            }

            return new SourceLocation(DisplayPath(_pdb.GetString(_pdb.GetDocument(sequencePoint.Document).Name)), sequencePoint.StartLine);
        }

        /// <summary>
        /// The earliest source line among <paramref name="methods"/>: for a type or field, the line of
        /// its first code (field initialisers run in the constructor, which is emitted last).
        /// </summary>
        public SourceLocation? LocateFirst(IEnumerable<MethodDefinitionHandle> methods) =>
            methods.Select(m => Locate(m)).Where(l => l is not null).OrderBy(l => l!.Line).FirstOrDefault();

        public void Dispose() => _provider?.Dispose();

        private string DisplayPath(string documentPath)
        {
            if (_repositoryRoot is not null && Path.IsPathRooted(documentPath))
            {
                var relative = Path.GetRelativePath(_repositoryRoot, documentPath);
                if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
                {
                    return relative.Replace('\\', '/');
                }
            }

            return documentPath.Replace('\\', '/');
        }

        /// <summary>The nearest folder above the assembly that holds the solution or a .git entry.</summary>
        private static string? FindRepositoryRoot(string? directory)
        {
            for (var dir = directory; dir is not null; dir = Path.GetDirectoryName(dir))
            {
                if (File.Exists(Path.Combine(dir, "ChamberFirmware.sln")) || Directory.Exists(Path.Combine(dir, ".git")) || File.Exists(Path.Combine(dir, ".git")))
                {
                    return dir;
                }
            }

            return null;
        }
    }
}
