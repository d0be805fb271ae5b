using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace PortabilityGuard
{
    /// <summary>
    /// The checked-in list of external APIs that the stable nanoFramework runtime provides.
    /// Every *.txt file of a directory is read; each line is "kind canonical-name package".
    /// A malformed line is an error of its own: a typo must not silently drop an API.
    /// </summary>
    public sealed class Allowlist
    {
        /// <summary>Packages must be nanoFramework packages: anything else cannot be on the device.</summary>
        public const string RequiredPackagePrefix = "nanoFramework.";

        private readonly Dictionary<string, AllowlistEntry> _types = new(StringComparer.Ordinal);
        private readonly Dictionary<string, AllowlistEntry> _members = new(StringComparer.Ordinal);
        private readonly HashSet<string> _typesWithListedMembers = new(StringComparer.Ordinal);
        private readonly List<string> _errors = new();

        /// <summary>Problems in the allowlist files themselves, already formatted as guard error lines.</summary>
        public IReadOnlyList<string> Errors => _errors;

        public int Count => _types.Count + _members.Count;

        /// <summary>Every entry, types first, in file order within each kind.</summary>
        public IEnumerable<AllowlistEntry> Entries => _types.Values.Concat(_members.Values);

        public static Allowlist LoadDirectory(string directory)
        {
            var allowlist = new Allowlist();
            if (!Directory.Exists(directory))
            {
                allowlist._errors.Add(GuardOutput.ErrorPrefix + "allowlist directory not found: " + directory);
                return allowlist;
            }

            foreach (var file in Directory.GetFiles(directory, "*.txt").OrderBy(f => f, StringComparer.Ordinal))
            {
                allowlist.AddLines(file, File.ReadAllLines(file));
            }

            return allowlist;
        }

        /// <summary>Parses lines as if read from <paramref name="fileName"/> (tests use this directly).</summary>
        public static Allowlist FromLines(string fileName, IEnumerable<string> lines)
        {
            var allowlist = new Allowlist();
            allowlist.AddLines(fileName, lines);
            return allowlist;
        }

        /// <summary>
        /// A type is available if it is listed as a type, or if one of its members is listed
        /// (a member cannot exist without its declaring type).
        /// </summary>
        public bool IsTypeAllowed(string canonicalTypeName) =>
            _types.ContainsKey(canonicalTypeName) || _typesWithListedMembers.Contains(canonicalTypeName);

        public bool IsMemberAllowed(string canonicalMemberName) => _members.ContainsKey(canonicalMemberName);

        private void AddLines(string file, IEnumerable<string> lines)
        {
            var lineNumber = 0;
            foreach (var rawLine in lines)
            {
                lineNumber++;
                var line = rawLine.Trim();
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                var where = file + ":" + lineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": ";
                string? deviceName = null;
                if (parts.Length == 4 && parts[0] == "lowered")
                {
                    // lowered <host member> <device member> <package>: the host compiler binds the
                    // source to a member nanoFramework lacks; the device compiler binds it to another.
                    deviceName = parts[2];
                    parts = new[] { "member", parts[1], parts[3] };
                    if (!deviceName.Contains("::", StringComparison.Ordinal))
                    {
                        _errors.Add(GuardOutput.ErrorPrefix + where + "a 'lowered' line is 'lowered <host member> <device member> <package>': " + line);
                        continue;
                    }
                }
                else if (parts.Length != 3)
                {
                    _errors.Add(GuardOutput.ErrorPrefix + where + "malformed allowlist line (expected '<type|member> <canonical-name> <nanoFramework package>'): " + line);
                    continue;
                }

                AllowlistEntryKind kind;
                if (parts[0] == "type")
                {
                    kind = AllowlistEntryKind.Type;
                }
                else if (parts[0] == "member")
                {
                    kind = AllowlistEntryKind.Member;
                }
                else
                {
                    _errors.Add(GuardOutput.ErrorPrefix + where + "unknown kind '" + parts[0] + "' (expected 'type' or 'member'): " + line);
                    continue;
                }

                var name = parts[1];
                var package = parts[2];
                if (!package.StartsWith(RequiredPackagePrefix, StringComparison.Ordinal) || package.Length == RequiredPackagePrefix.Length)
                {
                    _errors.Add(GuardOutput.ErrorPrefix + where + "package '" + package + "' is not a nanoFramework.* package; only APIs a nanoFramework package provides can be allowlisted: " + line);
                    continue;
                }

                if (kind == AllowlistEntryKind.Member)
                {
                    var separator = name.IndexOf("::", StringComparison.Ordinal);
                    if (separator <= 0 || separator + 2 >= name.Length)
                    {
                        _errors.Add(GuardOutput.ErrorPrefix + where + "member name must be 'Namespace.Type::Name(...)' or 'Namespace.Type::Field': " + line);
                        continue;
                    }

                    _typesWithListedMembers.Add(name.Substring(0, separator));
                }
                else if (name.Contains("::", StringComparison.Ordinal) || name.Contains('('))
                {
                    _errors.Add(GuardOutput.ErrorPrefix + where + "a 'type' line names a type, not a member: " + line);
                    continue;
                }

                var entry = new AllowlistEntry(kind, name, package, file, lineNumber, deviceName);
                var table = kind == AllowlistEntryKind.Type ? _types : _members;
                table.TryAdd(name, entry);
            }
        }
    }
}
