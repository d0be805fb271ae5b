using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ChamberCtl.Hil;

/// <summary>
/// Expands a scenario argument that still holds a wildcard (quoted, or from a shell that does not
/// glob, e.g. cmd.exe) the way a shell would: <c>tests/hil/scenarios/*.yaml</c> becomes the matching
/// files in ordinal order. Only the file-name part may hold <c>*</c> or <c>?</c>.
/// </summary>
internal static class ScenarioPathExpander
{
    private static readonly char[] Wildcards = ['*', '?'];

    /// <summary>The files, or null with <paramref name="error"/> naming the pattern that matched nothing.</summary>
    public static IReadOnlyList<string>? Expand(IEnumerable<string> arguments, out string error)
    {
        error = string.Empty;
        var files = new List<string>();
        foreach (var argument in arguments)
        {
            if (argument.IndexOfAny(Wildcards) < 0 || File.Exists(argument))
            {
                files.Add(argument);
                continue;
            }

            var directory = Path.GetDirectoryName(argument);
            var pattern = Path.GetFileName(argument);
            if (!string.IsNullOrEmpty(directory) && directory.IndexOfAny(Wildcards) >= 0)
            {
                error = "scenario pattern '" + argument + "': only the file name may hold * or ?, not the folder";
                return null;
            }

            var folder = string.IsNullOrEmpty(directory) ? "." : directory;
            var matches = Directory.Exists(folder)
                ? Directory.GetFiles(folder, pattern).Where(f => MatchesExactly(Path.GetFileName(f), pattern)).OrderBy(f => f, StringComparer.Ordinal).ToList()
                : [];
            if (matches.Count == 0)
            {
                error = "scenario pattern '" + argument + "' matches no file" + (Directory.Exists(folder) ? string.Empty : " (folder " + folder + " does not exist)");
                return null;
            }

            files.AddRange(string.IsNullOrEmpty(directory) ? matches.Select(f => Path.GetFileName(f)) : matches);
        }

        return files;
    }

    /// <summary>Directory.GetFiles also matches "*.yam" against "x.yaml" on some platforms (8.3 names): check the whole name.</summary>
    private static bool MatchesExactly(string name, string pattern) => Matches(name.AsSpan(), pattern.AsSpan());

    private static bool Matches(ReadOnlySpan<char> name, ReadOnlySpan<char> pattern)
    {
        if (pattern.IsEmpty)
        {
            return name.IsEmpty;
        }

        if (pattern[0] == '*')
        {
            for (var skip = 0; skip <= name.Length; skip++)
            {
                if (Matches(name[skip..], pattern[1..]))
                {
                    return true;
                }
            }

            return false;
        }

        return !name.IsEmpty && (pattern[0] == '?' || pattern[0] == name[0]) && Matches(name[1..], pattern[1..]);
    }
}
