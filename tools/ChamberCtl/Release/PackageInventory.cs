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
    /// <summary>Resource-name prefix of the pin files embedded at build time (ChamberCtl.csproj).</summary>
    private const string EmbeddedPrefix = "ChamberCtl.Pins:";

    /// <summary>The pins of a checkout: its packages.config files and Directory.Packages.props.</summary>
    public static IReadOnlyList<PinnedPackage> Read(string repositoryRoot)
    {
        var configs = FindPackagesConfigs(repositoryRoot)
            .Select(config => (Path.GetRelativePath(repositoryRoot, Path.GetDirectoryName(config)!).Replace('\\', '/'), config, XDocument.Load(config)))
            .ToList();
        var props = Path.Combine(repositoryRoot, "Directory.Packages.props");
        if (!File.Exists(props))
        {
            throw new FileNotFoundException("Directory.Packages.props not found in " + repositoryRoot + " (give --repo-root)", props);
        }

        return FromDocuments(configs, props, XDocument.Load(props));
    }

    /// <summary>
    /// The pins of the checkout this chamberctl was built from (the same files, embedded at build
    /// time): what <c>release</c> uses outside a repository.
    /// </summary>
    public static IReadOnlyList<PinnedPackage> ReadEmbedded()
    {
        var assembly = typeof(PackageInventory).Assembly;
        var configs = new List<(string Project, string Name, XDocument Document)>();
        XDocument? props = null;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(EmbeddedPrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var document = XDocument.Load(stream);
            var relative = name[EmbeddedPrefix.Length..].Replace('\\', '/');
            while (relative.StartsWith("../", StringComparison.Ordinal))
            {
                relative = relative[3..];
            }

            if (relative == "Directory.Packages.props")
            {
                props = document;
            }
            else
            {
                configs.Add((Path.GetDirectoryName(relative)!.Replace('\\', '/'), relative, document));
            }
        }

        return FromDocuments(configs.OrderBy(c => c.Project, StringComparer.Ordinal).ToList(), "Directory.Packages.props (built into chamberctl)",
            props ?? throw new InvalidDataException("this chamberctl was built without its package pins"));
    }

    private static List<PinnedPackage> FromDocuments(IReadOnlyList<(string Project, string Name, XDocument Document)> configs, string propsName, XDocument props)
    {
        var device = new SortedDictionary<(string Id, string Version), SortedSet<string>>();
        foreach (var (project, config, document) in configs)
        {
            foreach (var package in document.Descendants("package"))
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
        foreach (var package in props.Descendants("PackageVersion"))
        {
            var id = (string?)package.Attribute("Include");
            var version = (string?)package.Attribute("Version");
            if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(version))
            {
                throw new InvalidDataException(propsName + ": a <PackageVersion> entry has no Include or Version");
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
