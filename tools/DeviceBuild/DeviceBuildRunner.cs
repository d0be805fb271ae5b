using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using PortabilityGuard;

namespace DeviceBuild
{
    /// <summary>
    /// The device build: for each configuration and each project of nf.proj in its order, compile,
    /// guard the IL, gather the references and make the .pe; for an app, check the deployment as the
    /// board would load it. A project's outputs appear in bin/&lt;Configuration&gt;/ only when every
    /// step passed, so a failed build never leaves a .pe that looks current.
    /// </summary>
    internal sealed class DeviceBuildRunner
    {
        public const string PackagesFileName = "nanoframework-packages.json";

        private readonly string _repositoryRoot;
        private readonly NanoFrameworkAssemblySource _source;
        private readonly TextWriter _output;

        public DeviceBuildRunner(string repositoryRoot, NanoFrameworkAssemblySource source, TextWriter output)
        {
            _repositoryRoot = repositoryRoot;
            _source = source;
            _output = output;
        }

        public int Built { get; private set; }

        public int Failed { get; private set; }

        public void Run(IReadOnlyList<string> configurations, IReadOnlyCollection<string> onlyProjects)
        {
            _output.WriteLine("devicebuild: nanoFramework assemblies from the " + _source.Description);
            IReadOnlyList<string> order;
            try
            {
                order = NfProjectReader.ReadBuildOrder(_repositoryRoot);
            }
            catch (DeviceBuildException e)
            {
                _output.WriteLine(e.Error.ToString());
                Failed++;
                return;
            }

            var allReferences = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var configuration in configurations)
            {
                var built = new Dictionary<string, BuiltProject>(StringComparer.Ordinal);
                foreach (var projectFile in order)
                {
                    var name = Path.GetFileNameWithoutExtension(projectFile);
                    if (onlyProjects.Count > 0 && !onlyProjects.Contains(name))
                    {
                        continue;
                    }

                    var errors = new List<DeviceBuildError>();
                    var result = BuildProject(projectFile, configuration, built, errors, allReferences);
                    foreach (var error in errors)
                    {
                        _output.WriteLine(error.ToString());
                    }

                    if (result is null)
                    {
                        Failed++;
                        _output.WriteLine(string.Format(CultureInfo.InvariantCulture, "devicebuild: FAILED {0} ({1}): {2} error(s)", name, configuration, errors.Count));
                    }
                    else
                    {
                        Built++;
                        built[projectFile] = result;
                        _output.WriteLine(string.Format(CultureInfo.InvariantCulture, "devicebuild: built {0} ({1}) -> {2} ({3} bytes)", name, configuration, NfProjectReader.Relative(_repositoryRoot, result.PePath), new FileInfo(result.PePath).Length));
                    }
                }
            }

            // Every package any device project uses, whichever projects this run built: the
            // allowlist speaks for all shared code.
            foreach (var projectFile in order)
            {
                try
                {
                    foreach (var reference in NfProjectReader.Read(_repositoryRoot, projectFile).References)
                    {
                        allReferences.Add(_source.AssemblyFor(reference));
                    }
                }
                catch (DeviceBuildException)
                {
                    // Reported where that project was built (or not asked for).
                }
            }

            CheckAllowlist(allReferences);
        }

        private BuiltProject? BuildProject(string projectFile, string configuration, IDictionary<string, BuiltProject> built, List<DeviceBuildError> errors, ISet<string> allReferences)
        {
            NfProject project;
            var packages = new List<NfReference>();
            var references = new List<string>();
            var copies = new List<string>();
            try
            {
                project = NfProjectReader.Read(_repositoryRoot, projectFile);
                foreach (var reference in project.References)
                {
                    var dll = _source.AssemblyFor(reference);
                    references.Add(dll);
                    allReferences.Add(dll);
                    copies.Add(dll);
                    copies.Add(_source.PeFor(reference));
                    packages.Add(reference);
                }
            }
            catch (DeviceBuildException e)
            {
                errors.Add(e.Error);
                return null;
            }

            foreach (var referenced in project.ProjectReferences)
            {
                if (!built.TryGetValue(referenced, out var dependency))
                {
                    errors.Add(new DeviceBuildError(
                        NfProjectReader.Relative(_repositoryRoot, projectFile), 0, "NF0012",
                        "references " + NfProjectReader.Relative(_repositoryRoot, referenced) + ", which was not built before it in this run (it failed, or nf.proj lists it later or not at all)"));
                    continue;
                }

                references.Add(dependency.AssemblyPath);
                copies.AddRange(Directory.GetFiles(dependency.OutputDirectory, "*.pe"));
                copies.AddRange(Directory.GetFiles(dependency.OutputDirectory).Where(f => f.EndsWith(".dll", StringComparison.Ordinal) || f.EndsWith(".exe", StringComparison.Ordinal)));
                packages.AddRange(dependency.Packages);
            }

            if (errors.Count > 0)
            {
                return null;
            }

            var staging = Path.Combine(project.Directory, "obj", configuration, "devicebuild");
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            Directory.CreateDirectory(staging);
            var assembly = Path.Combine(staging, project.AssemblyName + (project.IsExe ? ".exe" : ".dll"));
            errors.AddRange(DeviceCompiler.Compile(_repositoryRoot, project, configuration, references.Distinct(StringComparer.Ordinal).ToList(), assembly, out _));
            if (errors.Count > 0)
            {
                return null;
            }

            errors.AddRange(Guard(assembly, project));
            if (errors.Count > 0)
            {
                return null;
            }

            foreach (var copy in copies.Distinct(StringComparer.Ordinal))
            {
                var destination = Path.Combine(staging, Path.GetFileName(copy));
                if (!File.Exists(destination))
                {
                    File.Copy(copy, destination);
                }
            }

            var pe = Path.Combine(staging, project.AssemblyName + ".pe");
            errors.AddRange(MetadataProcessorRunner.Run(_source.MetadataProcessor, assembly, pe, staging));
            if (errors.Count > 0)
            {
                return null;
            }

            var usedPackages = packages.GroupBy(p => p.PackageId, StringComparer.Ordinal).Select(g => g.First()).OrderBy(p => p.PackageId, StringComparer.Ordinal).ToList();
            File.WriteAllText(Path.Combine(staging, PackagesFileName), JsonSerializer.Serialize(usedPackages.Select(p => new { id = p.PackageId, version = p.PackageVersion, assembly = p.AssemblyFileName }), new JsonSerializerOptions { WriteIndented = true }));

            if (project.IsExe)
            {
                foreach (var problem in DeploymentCheck.Check(Directory.GetFiles(staging, "*.pe")))
                {
                    errors.Add(new DeviceBuildError(NfProjectReader.Relative(_repositoryRoot, projectFile), 0, "NF0020", "deployment: " + problem));
                }

                if (errors.Count > 0)
                {
                    return null;
                }
            }

            // Only now does the output replace the previous one.
            var output = project.OutputDirectory(configuration);
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            Directory.Move(staging, output);
            return new BuiltProject(project, output, Path.Combine(output, Path.GetFileName(assembly)), Path.Combine(output, Path.GetFileName(pe)), usedPackages);
        }

        private IEnumerable<DeviceBuildError> Guard(string assembly, NfProject project)
        {
            var result = new PortabilityChecker(null).Check(assembly);
            foreach (var violation in result.Violations)
            {
                var file = violation.Location?.Path ?? NfProjectReader.Relative(_repositoryRoot, project.ProjectFile);
                yield return new DeviceBuildError(file, violation.Location?.Line ?? 0, "NF1" + ((int)violation.Kind).ToString("D3", CultureInfo.InvariantCulture), violation.User + " uses " + violation.Subject + ": " + violation.Reason);
            }
        }

        private void CheckAllowlist(IEnumerable<string> references)
        {
            var directory = Path.Combine(_repositoryRoot, "tools", "PortabilityGuard", "allowlist");
            var allowlist = Allowlist.LoadDirectory(directory);
            var ok = allowlist.Errors.Count == 0;
            foreach (var error in allowlist.Errors)
            {
                _output.WriteLine(error);
            }

            var writer = new StringWriter(CultureInfo.InvariantCulture);
            ok &= AllowlistResolution.Check(allowlist, references, writer);
            foreach (var line in writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                _output.WriteLine(line.StartsWith(GuardOutput.ErrorPrefix, StringComparison.Ordinal) ? line.Substring(GuardOutput.ErrorPrefix.Length).Replace(": allowlist line ", ": error NF0030: allowlist line ", StringComparison.Ordinal) : "devicebuild: " + line);
            }

            if (ok)
            {
                Built++;
            }
            else
            {
                Failed++;
                _output.WriteLine("devicebuild: FAILED allowlist: a line names an API that nanoFramework does not have");
            }
        }
    }
}
