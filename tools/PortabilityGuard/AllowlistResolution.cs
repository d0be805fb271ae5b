using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace PortabilityGuard
{
    /// <summary>Checks every allowlist line against the nanoFramework assemblies and prints one error per line that names nothing real.</summary>
    public static class AllowlistResolution
    {
        /// <summary>True when every entry resolves in its package.</summary>
        public static bool Check(Allowlist allowlist, IEnumerable<string> assemblyFilesOrFolders, TextWriter output)
        {
            var files = new List<string>();
            foreach (var path in assemblyFilesOrFolders)
            {
                if (Directory.Exists(path))
                {
                    files.AddRange(Directory.GetFiles(path, "*.dll").Concat(Directory.GetFiles(path, "*.exe")).OrderBy(f => f, System.StringComparer.Ordinal));
                }
                else if (File.Exists(path))
                {
                    files.Add(path);
                }
                else
                {
                    output.WriteLine(GuardOutput.ErrorPrefix + "nanoFramework assembly or folder not found: " + path);
                    return false;
                }
            }

            var index = NanoFrameworkApiIndex.Load(files);
            var ok = true;
            var count = 0;
            foreach (var entry in allowlist.Entries.OrderBy(e => e.File, System.StringComparer.Ordinal).ThenBy(e => e.Line))
            {
                count++;
                var problem = index.Problem(entry);
                if (problem is not null)
                {
                    output.WriteLine(GuardOutput.ErrorPrefix + entry.File + ":" + entry.Line.ToString(CultureInfo.InvariantCulture) + ": allowlist line " + problem);
                    ok = false;
                }
            }

            if (ok)
            {
                output.WriteLine(string.Format(CultureInfo.InvariantCulture, "PortabilityGuard: all {0} allowlist entries name public APIs of their nanoFramework packages ({1} assemblies read).", count, index.AssemblyCount));
            }

            return ok;
        }
    }
}
