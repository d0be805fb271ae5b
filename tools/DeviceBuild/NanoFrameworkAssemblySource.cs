using System;
using System.IO;

namespace DeviceBuild
{
    /// <summary>
    /// Where the nanoFramework assemblies (.dll to compile against, .pe to deploy) and the metadata
    /// processor come from. Two ways, one build: a packages folder that <c>nuget restore</c> filled
    /// (where nuget.org is reachable), or the CoreLibrary package from the NuGet cache plus a
    /// nanoFramework toolchain folder (ref/, pe/, metadata-processor/) that stands in for the rest.
    /// </summary>
    internal sealed class NanoFrameworkAssemblySource
    {
        public const string CoreLibraryPackage = "nanoFramework.CoreLibrary";

        private readonly string? _packagesDirectory;
        private readonly string? _toolchainDirectory;
        private readonly string _nugetCache;

        private NanoFrameworkAssemblySource(string? packagesDirectory, string? toolchainDirectory, string metadataProcessor, string nugetCache)
        {
            _packagesDirectory = packagesDirectory;
            _toolchainDirectory = toolchainDirectory;
            MetadataProcessor = metadataProcessor;
            _nugetCache = nugetCache;
        }

        /// <summary>The metadata processor's entry assembly (run with <c>dotnet</c>).</summary>
        public string MetadataProcessor { get; }

        public string Description => _packagesDirectory is not null
            ? "packages folder " + _packagesDirectory
            : "nanoFramework toolchain " + _toolchainDirectory + " with " + CoreLibraryPackage + " from " + _nugetCache;

        public static NanoFrameworkAssemblySource FromPackagesFolder(string packagesDirectory, string metadataProcessor) =>
            new(Path.GetFullPath(packagesDirectory), null, Path.GetFullPath(metadataProcessor), DefaultNuGetCache());

        public static NanoFrameworkAssemblySource FromToolchain(string toolchainDirectory, string? metadataProcessor)
        {
            var toolchain = Path.GetFullPath(toolchainDirectory);
            foreach (var folder in new[] { "ref", "pe", "metadata-processor" })
            {
                if (!Directory.Exists(Path.Combine(toolchain, folder)))
                {
                    throw Missing(toolchain, "has no " + folder + "/ folder: is this the nanoFramework toolchain (its README lists ref/, pe/, metadata-processor/, nanoclr/)?");
                }
            }

            return new NanoFrameworkAssemblySource(null, toolchain, Path.GetFullPath(metadataProcessor ?? Path.Combine(toolchain, "metadata-processor", "nfmdp.dll")), DefaultNuGetCache());
        }

        /// <summary>The reference assembly of a package, to compile against.</summary>
        public string AssemblyFor(NfReference reference)
        {
            var path = Path.Combine(LibFolder(reference), reference.AssemblyFileName);
            return File.Exists(path) ? path : throw Missing(path, "not found: the assembly of " + reference.PackageId + " " + reference.PackageVersion);
        }

        /// <summary>The .pe of a package's assembly, to deploy beside ours.</summary>
        public string PeFor(NfReference reference)
        {
            var name = Path.GetFileNameWithoutExtension(reference.AssemblyFileName) + ".pe";
            var folder = _toolchainDirectory is not null && reference.PackageId != CoreLibraryPackage
                ? Path.Combine(_toolchainDirectory, "pe")
                : LibFolder(reference);
            var path = Path.Combine(folder, name);
            return File.Exists(path) ? path : throw Missing(path, "not found: the .pe of " + reference.PackageId + " " + reference.PackageVersion);
        }

        private string LibFolder(NfReference reference)
        {
            if (_packagesDirectory is not null)
            {
                return Path.Combine(_packagesDirectory, reference.PackageId + "." + reference.PackageVersion, "lib");
            }

            if (reference.PackageId == CoreLibraryPackage)
            {
                // NuGet lower-cases ids and versions in its global packages folder.
                return Path.Combine(_nugetCache, reference.PackageId.ToLowerInvariant(), reference.PackageVersion.ToLowerInvariant(), "lib");
            }

            return Path.Combine(_toolchainDirectory!, "ref");
        }

        private static string DefaultNuGetCache() =>
            Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
                ? configured
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

        private static DeviceBuildException Missing(string path, string what) =>
            new(new DeviceBuildError(path, 0, "NF0011", what));
    }
}
