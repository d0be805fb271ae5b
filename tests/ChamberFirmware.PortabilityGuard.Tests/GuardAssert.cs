using System;
using System.Linq;
using PortabilityGuard;
using Xunit;

namespace ChamberFirmware.PortabilityGuard.Tests
{
    /// <summary>Runs the guard (as a library) on snippets and checks its findings.</summary>
    internal static class GuardAssert
    {
        private static readonly Lazy<Allowlist> RepositoryAllowlist = new(() => Allowlist.LoadDirectory(RepositoryPaths.Allowlist));

        public static CheckResult Check(string source, bool allowUnsafe = false) =>
            new PortabilityChecker(RepositoryAllowlist.Value).Check(SnippetCompiler.Compile(source, allowUnsafe));

        /// <summary>
        /// Asserts a finding of <paramref name="kind"/> by <paramref name="user"/> about a subject
        /// containing <paramref name="subject"/>; with <paramref name="marker"/>, also that the error
        /// line points at Snippet.cs on the line holding the marker. Returns the error line.
        /// </summary>
        public static string Reports(CheckResult result, ViolationKind kind, string user, string subject, string? source = null, string? marker = null)
        {
            var match = result.Violations.FirstOrDefault(v => v.Kind == kind && v.User == user && v.Subject.Contains(subject, StringComparison.Ordinal));
            Assert.True(match is not null, "expected " + kind + " by " + user + " on " + subject + "; the guard reported:\n" + Describe(result));
            var text = match!.Format();
            Assert.StartsWith(GuardOutput.ErrorPrefix + user + " ", text, StringComparison.Ordinal);
            if (source is not null && marker is not null)
            {
                var expected = "(" + SnippetCompiler.SourceFileName + ":" + SnippetCompiler.LineOf(source, marker).ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
                Assert.True(text.Contains("/" + expected.TrimStart('('), StringComparison.Ordinal) || text.Contains(expected, StringComparison.Ordinal), "expected location " + expected + " in: " + text);
            }

            return text;
        }

        public static void IsPortable(CheckResult result) =>
            Assert.True(result.IsPortable, "expected no findings; the guard reported:\n" + Describe(result));

        private static string Describe(CheckResult result) =>
            result.Violations.Count == 0 ? "(nothing)" : string.Join("\n", result.Violations.Select(v => v.Format()));
    }
}
