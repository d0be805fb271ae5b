using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace ChamberCtl.Release;

/// <summary>One pinned package and where it is used.</summary>
internal sealed record PinnedPackage(string Id, string Version, bool ShipsOnDevice, IReadOnlyList<string> UsedBy);

/// <summary>
/// Every package the product is built from, read from the files that pin them: each device
/// project's packages.config (what is compiled into the firmware image) and Directory.Packages.props
/// (host tools and tests: not on the device).
/// </summary>
internal static class PackageInventory
{
    public static IReadOnlyList<PinnedPackage> Read(string repositoryRoot)
    {
        var device = new SortedDictionary<(string Id, string Version), SortedSet<string>>();
        foreach (var config in FindPackagesConfigs(repositoryRoot))
        {
            var project = Path.GetRelativePath(repositoryRoot, Path.GetDirectoryName(config)!).Replace('\\', '/');
            foreach (var package in XDocument.Load(config).Descendants("package"))
            {
                var id = (string?)package.Attribute("id");
                var version = (string?)package.Attribute("version");
                if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(version))
                {
                    throw new InvalidDataException(config + ": a <package> entry has no id or version");
                }

                var key = (id, version);
                if (!device.TryGetValue(key, out var users))
                {
                    users = new SortedSet<string>(StringComparer.Ordinal);
                    device[key] = users;
                }

                users.Add(project);
            }
        }

        var result = device.Select(p => new PinnedPackage(p.Key.Id, p.Key.Version, true, p.Value.ToArray())).ToList();

        var props = Path.Combine(repositoryRoot, "Directory.Packages.props");
        if (!File.Exists(props))
        {
            throw new FileNotFoundException("Directory.Packages.props not found in " + repositoryRoot + " (give --repo-root)", props);
        }

        foreach (var package in XDocument.Load(props).Descendants("PackageVersion"))
        {
            var id = (string?)package.Attribute("Include");
            var version = (string?)package.Attribute("Version");
            if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(version))
            {
                throw new InvalidDataException(props + ": a <PackageVersion> entry has no Include or Version");
            }

            result.Add(new PinnedPackage(id, version, false, new[] { "Directory.Packages.props" }));
        }

        return result;
    }

    private static IEnumerable<string> FindPackagesConfigs(string root) =>
        Directory.EnumerateFiles(root, "packages.config", SearchOption.AllDirectories)
            .Where(p => !IsIgnored(Path.GetRelativePath(root, p)))
            .OrderBy(p => p, StringComparer.Ordinal);

    private static bool IsIgnored(string relative)
    {
        var parts = relative.Replace('\\', '/').Split('/');
        return parts.Any(p => p is "bin" or "obj" or ".git" or "packages" or "node_modules" or "TestResults");
    }

    /// <summary>Finds the repository root (the folder with Directory.Packages.props) at or above start.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props")) && File.Exists(Path.Combine(dir.FullName, "nanoFramework.Versions.props")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
