using System;
using System.IO;
using ChamberFirmware.Core.Tests.Diagnostics;

namespace ChamberFirmware.FieldDiagnostics.Tests;

/// <summary>
/// What the browser tests need: node, Chromium, and tests/web/node_modules. Missing pieces FAIL
/// the test when CI is set (CI must run them) and otherwise SKIP it with the reason and how to
/// install them (<see cref="ChamberFirmware.Tests.Shared.TestPrerequisite"/>).
/// </summary>
internal sealed class WebTestEnvironment
{
    public const string InstallHint =
        "install with: apt-get update && apt-get install -y chromium nodejs npm; cd tests/web && PUPPETEER_SKIP_DOWNLOAD=1 npm ci";

    public string WebDirectory { get; } = Path.Combine(GoldenFixture.RepoRoot(), "tests", "web");

    public string ChromiumPath { get; } = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    public string? NodePath { get; } = FindOnPath("node");

    /// <summary>What is missing, or null when everything is there.</summary>
    public string? Missing()
    {
        if (NodePath is null)
        {
            return "node is not on PATH";
        }

        if (!File.Exists(ChromiumPath))
        {
            return $"Chromium not found at {ChromiumPath}";
        }

        if (!Directory.Exists(Path.Combine(WebDirectory, "node_modules", "puppeteer-core")))
        {
            return "tests/web/node_modules is missing (npm ci not run)";
        }

        return null;
    }

    private static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, name);
            if (dir.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
