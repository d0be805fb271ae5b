using System;
using Xunit;
using Xunit.Sdk;

namespace ChamberFirmware.Tests.Shared;

/// <summary>
/// A test that cannot run here (no Chromium, no pseudo-terminals) shows as SKIPPED with its reason —
/// never as passed. Under CI (CI set and not "false") a missing prerequisite FAILS instead: CI
/// installs everything (.ci/run), so a skip there would hide a broken set-up. Tests that call this
/// are [SkippableFact] (Xunit.SkippableFact: xunit 2 has no runtime skip of its own).
/// </summary>
internal static class TestPrerequisite
{
    public static bool IsCi => IsCiValue(Environment.GetEnvironmentVariable("CI"));

    public static bool IsCiValue(string? ci) => !string.IsNullOrEmpty(ci) && !string.Equals(ci, "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns when <paramref name="missing"/> is null; otherwise skips (locally) or fails (CI) naming it and how to install it.</summary>
    public static void Require(string? missing, string hint) => Require(missing, hint, IsCi);

    public static void Require(string? missing, string hint, bool ci)
    {
        if (missing is null)
        {
            return;
        }

        if (ci)
        {
            throw new XunitException($"CI is set but this test cannot run: {missing}; {hint}");
        }

        Skip.If(true, $"{missing}; {hint}");
    }
}
