using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace DeviceBuild
{
    /// <summary>
    /// Reads a *.nfproj the way the nanoFramework project system evaluates it, for what a compile
    /// needs: its Compile items (with the shared *.projitems it imports), its Reference items (each a
    /// package's assembly, cross-checked with packages.config and nanoFramework.Versions.props), its
    /// ProjectReferences, AssemblyName, OutputType and DefineConstants.
    /// </summary>
    internal static class NfProjectReader
    {
        private const string VersionsProps = "nanoFramework.Versions.props";
        private static readonly XNamespace Msbuild = "http://schemas.microsoft.com/developer/msbuild/2003";
        private static readonly Regex HintPathPattern = new(@"^\$\(NfPackagesDir\)(?<id>.+?)\.\$\((?<prop>\w+)\)[\\/]lib[\\/](?<file>[^\\/]+)$", RegexOptions.CultureInvariant);

        public static NfProject Read(string repositoryRoot, string projectFile)
        {
            var where = Relative(repositoryRoot, projectFile);
            var document = Load(repositoryRoot, projectFile);
            var project = document.Root!;
            var versions = ReadVersions(repositoryRoot);

            string? Property(string name) => project.Elements(Msbuild + "PropertyGroup").Elements(Msbuild + name)
                .Where(e => e.Attribute("Condition") is null).Select(e => e.Value.Trim()).LastOrDefault();

            var assemblyName = Property("AssemblyName") ?? Fail<string>(where, project, "NF0002", "no <AssemblyName>");
            var outputType = Property("OutputType") ?? "Library";
            if (outputType is not ("Exe" or "Library"))
            {
                Fail<string>(where, project, "NF0002", "OutputType '" + outputType + "' is neither Exe nor Library");
            }

            var defines = (Property("DefineConstants") ?? string.Empty)
                .Replace("$(DefineConstants)", string.Empty, StringComparison.Ordinal)
                .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .ToList();

            var projectDirectory = Path.GetDirectoryName(projectFile)!;
            var compile = new SortedSet<string>(StringComparer.Ordinal);
            AddCompileItems(repositoryRoot, project, projectDirectory, compile);
            foreach (var import in project.Elements(Msbuild + "Import"))
            {
                var path = import.Attribute("Project")?.Value ?? string.Empty;
                if (path.EndsWith(".projitems", StringComparison.OrdinalIgnoreCase))
                {
                    var shared = Path.GetFullPath(Path.Combine(projectDirectory, Native(path)));
                    if (!File.Exists(shared))
                    {
                        Fail<string>(where, import, "NF0003", "imported shared project " + path + " not found");
                    }

                    AddCompileItems(repositoryRoot, Load(repositoryRoot, shared).Root!, Path.GetDirectoryName(shared)!, compile);
                }
            }

            if (compile.Count == 0)
            {
                Fail<string>(where, project, "NF0004", "no Compile items: nothing to build");
            }

            var packages = ReadPackagesConfig(repositoryRoot, Path.Combine(projectDirectory, "packages.config"));
            var references = new List<NfReference>();
            foreach (var reference in project.Descendants(Msbuild + "Reference"))
            {
                var include = reference.Attribute("Include")?.Value ?? string.Empty;
                var hint = reference.Element(Msbuild + "HintPath")?.Value.Trim() ?? string.Empty;
                var match = HintPathPattern.Match(hint);
                if (!match.Success)
                {
                    Fail<string>(where, reference, "NF0005", "Reference " + include + " has no HintPath of the form $(NfPackagesDir)<package>.$(<VersionProperty>)\\lib\\<file>");
                }

                var id = match.Groups["id"].Value;
                var property = match.Groups["prop"].Value;
                if (!versions.TryGetValue(property, out var version))
                {
                    Fail<string>(where, reference, "NF0006", "Reference " + include + " uses $(" + property + "), which " + VersionsProps + " does not define");
                }

                if (!packages.TryGetValue(id, out var configVersion))
                {
                    Fail<string>(where, reference, "NF0007", "Reference " + include + " comes from package " + id + ", which packages.config does not name");
                }

                if (configVersion != version)
                {
                    Fail<string>(where, reference, "NF0008", "package " + id + " is " + configVersion + " in packages.config but " + version + " in " + VersionsProps);
                }

                references.Add(new NfReference(match.Groups["file"].Value, id, version!));
            }

            var projectReferences = project.Descendants(Msbuild + "ProjectReference")
                .Select(r => Path.GetFullPath(Path.Combine(projectDirectory, Native(r.Attribute("Include")?.Value ?? string.Empty))))
                .ToList();

            return new NfProject(projectFile, assemblyName, outputType == "Exe", compile.ToList(), references, projectReferences, defines);
        }

        /// <summary>The projects nf.proj builds, in its (dependency) order.</summary>
        public static IReadOnlyList<string> ReadBuildOrder(string repositoryRoot)
        {
            var nfProj = Path.Combine(repositoryRoot, "nf.proj");
            if (!File.Exists(nfProj))
            {
                throw new DeviceBuildException(new DeviceBuildError("nf.proj", 0, "NF0001", "nf.proj not found in " + repositoryRoot));
            }

            var root = Load(repositoryRoot, nfProj).Root!;
            return root.Descendants().Where(e => e.Name.LocalName == "NanoFrameworkProject")
                .Select(e => Path.GetFullPath(Path.Combine(repositoryRoot, Native(e.Attribute("Include")?.Value ?? string.Empty))))
                .ToList();
        }

        public static string Relative(string repositoryRoot, string path) =>
            Path.GetRelativePath(repositoryRoot, path).Replace('\\', '/');

        private static void AddCompileItems(string repositoryRoot, XElement project, string baseDirectory, ISet<string> files)
        {
            foreach (var item in project.Descendants().Where(e => e.Name.LocalName == "Compile"))
            {
                var include = item.Attribute("Include")?.Value;
                if (include is null)
                {
                    continue;
                }

                var excludes = (item.Attribute("Exclude")?.Value ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(e => Glob(StripThisFileDirectory(e))).ToList();
                foreach (var pattern in include.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var relativePattern = StripThisFileDirectory(pattern);
                    if (!relativePattern.Contains('*', StringComparison.Ordinal))
                    {
                        var file = Path.GetFullPath(Path.Combine(baseDirectory, Native(relativePattern)));
                        if (!File.Exists(file))
                        {
                            Fail<string>(Relative(repositoryRoot, baseDirectory), item, "NF0009", "Compile item " + pattern + " not found");
                        }

                        files.Add(file);
                        continue;
                    }

                    var glob = Glob(relativePattern);
                    foreach (var file in Directory.EnumerateFiles(baseDirectory, "*", SearchOption.AllDirectories))
                    {
                        var relative = Path.GetRelativePath(baseDirectory, file).Replace('\\', '/');
                        if (glob.IsMatch(relative) && !excludes.Any(e => e.IsMatch(relative)))
                        {
                            files.Add(Path.GetFullPath(file));
                        }
                    }
                }
            }
        }

        private static string StripThisFileDirectory(string pattern) =>
            pattern.Replace("$(MSBuildThisFileDirectory)", string.Empty, StringComparison.Ordinal).Replace('\\', '/');

        /// <summary>MSBuild wildcards: ** any folders, * any name part, ? one character.</summary>
        private static Regex Glob(string pattern)
        {
            var regex = Regex.Escape(pattern.Replace('\\', '/'))
                .Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal)
                .Replace(@"\*\*", ".*", StringComparison.Ordinal)
                .Replace(@"\*", "[^/]*", StringComparison.Ordinal)
                .Replace(@"\?", "[^/]", StringComparison.Ordinal);
            return new Regex("^" + regex + "$", RegexOptions.CultureInvariant);
        }

        private static Dictionary<string, string> ReadVersions(string repositoryRoot)
        {
            var path = Path.Combine(repositoryRoot, VersionsProps);
            if (!File.Exists(path))
            {
                throw new DeviceBuildException(new DeviceBuildError(VersionsProps, 0, "NF0001", VersionsProps + " not found"));
            }

            return Load(repositoryRoot, path).Root!.Descendants()
                .Where(e => e.Name.LocalName.StartsWith("Nf", StringComparison.Ordinal) && e.Name.LocalName.EndsWith("Version", StringComparison.Ordinal))
                .ToDictionary(e => e.Name.LocalName, e => e.Value.Trim(), StringComparer.Ordinal);
        }

        private static Dictionary<string, string> ReadPackagesConfig(string repositoryRoot, string path)
        {
            if (!File.Exists(path))
            {
                throw new DeviceBuildException(new DeviceBuildError(Relative(repositoryRoot, path), 0, "NF0010", "packages.config not found: a device project names its packages there"));
            }

            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var package in Load(repositoryRoot, path).Root!.Elements("package"))
            {
                var id = package.Attribute("id")?.Value;
                var version = package.Attribute("version")?.Value;
                if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(version))
                {
                    Fail<string>(Relative(repositoryRoot, path), package, "NF0010", "a <package> has no id or version");
                }

                result[id!] = version!;
            }

            return result;
        }

        private static XDocument Load(string repositoryRoot, string path)
        {
            if (!File.Exists(path))
            {
                throw new DeviceBuildException(new DeviceBuildError(Relative(repositoryRoot, path), 0, "NF0001", "project file not found"));
            }

            try
            {
                return XDocument.Load(path, LoadOptions.SetLineInfo);
            }
            catch (XmlException e)
            {
                throw new DeviceBuildException(new DeviceBuildError(Relative(repositoryRoot, path), e.LineNumber, "NF0001", e.Message));
            }
        }

        private static string Native(string path) => path.Replace('\\', Path.DirectorySeparatorChar).Replace('/', Path.DirectorySeparatorChar);

        private static T Fail<T>(string file, XObject at, string code, string message) =>
            throw new DeviceBuildException(new DeviceBuildError(file, ((IXmlLineInfo)at).LineNumber, code, message));
    }
}
