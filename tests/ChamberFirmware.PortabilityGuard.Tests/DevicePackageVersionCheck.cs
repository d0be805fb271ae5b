using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ChamberFirmware.PortabilityGuard.Tests
{
    /// <summary>
    /// Compares the nanoFramework package versions pinned in nanoFramework.Versions.props with the
    /// packages.config files that nuget restore reads. The property-to-package mapping is learnt
    /// from the nfproj HintPaths: $(NfPackagesDir)&lt;packageId&gt;.$(&lt;Property&gt;)\lib\...
    /// </summary>
    internal static partial class DevicePackageVersionCheck
    {
        public sealed record HintPath(string File, string PackageId, string Property);

        public sealed record PackageEntry(string File, string PackageId, string Version);

        public static IReadOnlyList<string> FindProblems(string repositoryRoot)
        {
            var properties = ReadProperties(Path.Combine(repositoryRoot, "nanoFramework.Versions.props"));
            var hintPaths = SourceFiles(repositoryRoot, "*.nfproj").SelectMany(ReadHintPaths).ToList();
            var packages = SourceFiles(repositoryRoot, "packages.config").SelectMany(ReadPackages).ToList();
            return Compare(properties, hintPaths, packages);
        }

        public static IReadOnlyList<string> Compare(IReadOnlyDictionary<string, string> properties, IReadOnlyList<HintPath> hintPaths, IReadOnlyList<PackageEntry> packages)
        {
            var problems = new List<string>();
            var propertyOfPackage = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var hint in hintPaths)
            {
                if (!properties.ContainsKey(hint.Property))
                {
                    problems.Add(hint.File + ": HintPath uses $(" + hint.Property + "), which nanoFramework.Versions.props does not define");
                }

                if (propertyOfPackage.TryGetValue(hint.PackageId, out var known) && known != hint.Property)
                {
                    problems.Add(hint.File + ": " + hint.PackageId + " uses $(" + hint.Property + ") but another nfproj uses $(" + known + ")");
                }
                else
                {
                    propertyOfPackage[hint.PackageId] = hint.Property;
                }
            }

            foreach (var package in packages)
            {
                if (!propertyOfPackage.TryGetValue(package.PackageId, out var property))
                {
                    problems.Add(package.File + ": " + package.PackageId + " is not referenced by any nfproj HintPath, so its version cannot be checked against nanoFramework.Versions.props");
                    continue;
                }

                if (properties.TryGetValue(property, out var pinned) && pinned != package.Version)
                {
                    problems.Add(package.File + ": " + package.PackageId + " " + package.Version + " differs from " + property + " = " + pinned + " in nanoFramework.Versions.props");
                }
            }

            return problems;
        }

        private static Dictionary<string, string> ReadProperties(string propsPath)
        {
            var document = XDocument.Load(propsPath);
            return document.Descendants()
                .Where(e => e.Parent is not null && e.Parent.Name.LocalName == "PropertyGroup")
                .GroupBy(e => e.Name.LocalName)
                .ToDictionary(g => g.Key, g => g.Last().Value.Trim(), StringComparer.Ordinal);
        }

        private static IEnumerable<HintPath> ReadHintPaths(string nfprojPath)
        {
            var relative = Path.GetRelativePath(RepositoryPaths.Root, nfprojPath);
            foreach (var element in XDocument.Load(nfprojPath).Descendants().Where(e => e.Name.LocalName == "HintPath"))
            {
                var match = HintPathPattern().Match(element.Value.Trim());
                if (match.Success)
                {
                    yield return new HintPath(relative, match.Groups["id"].Value, match.Groups["property"].Value);
                }
            }
        }

        private static IEnumerable<PackageEntry> ReadPackages(string packagesConfigPath)
        {
            var relative = Path.GetRelativePath(RepositoryPaths.Root, packagesConfigPath);
            foreach (var element in XDocument.Load(packagesConfigPath).Descendants("package"))
            {
                yield return new PackageEntry(relative, (string?)element.Attribute("id") ?? string.Empty, (string?)element.Attribute("version") ?? string.Empty);
            }
        }

        private static IEnumerable<string> SourceFiles(string root, string pattern) =>
            Directory.EnumerateFiles(root, pattern, SearchOption.AllDirectories)
                .Where(path =>
                {
                    var parts = Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
                    return !parts.Any(p => p is "bin" or "obj" or "packages" or "node_modules" || p.StartsWith('.'));
                })
                .OrderBy(path => path, StringComparer.Ordinal);

        [GeneratedRegex(@"^\$\(NfPackagesDir\)(?<id>.+?)\.\$\((?<property>\w+)\)[\\/]lib[\\/]", RegexOptions.CultureInvariant)]
        private static partial Regex HintPathPattern();
    }
}
