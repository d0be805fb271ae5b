using System.Collections.Generic;
using System.IO;
using System.Linq;
using ChamberCtl.Hil;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Hil;

internal static class HilTestData
{
    public const string Profile = """
        profile:
          target_count: 300000
          count_limit: 1000000
          growth_limit_permille_per_second: 200
          duration_ms: 10000
          ramp_channels_per_second: 4
          max_active_channels: 4
        """;

    /// <summary>A one-scenario YAML file whose steps are the given lines (each "- ..." at column 0 is indented for you).</summary>
    public static string Yaml(string name, params string[] steps) =>
        "name: " + name + "\ndescription: test scenario\nseed: 1\n" + Profile + "\nsteps:\n" + string.Join("\n", steps.Select(s => "  " + s.Replace("\n", "\n  ", System.StringComparison.Ordinal))) + "\n";

    /// <summary>Heartbeat on, arm, start, one second of treatment: the prefix most scenarios share.</summary>
    public static readonly string[] ActiveSession =
    [
        "- console: { heartbeat: on }",
        "- wait_ms: 300",
        "- console: arm\n  result: Ok",
        "- console: start\n  result: Ok",
        "- wait_ms: 1000",
    ];

    public static HilScenarioFile Load(TempDirectory dir, string fileName, string text)
    {
        var path = dir.Write(fileName, text);
        var errors = new List<HilScenarioError>();
        var file = HilScenarioLoader.LoadFile(path, errors);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return file!;
    }

    public static HilScenarioResult RunOne(TempDirectory dir, string yaml, FakeChamberTarget? target = null)
    {
        var file = Load(dir, "s.yaml", yaml);
        using var fake = target ?? new FakeChamberTarget();
        return new HilRunner(fake).Run(Assert.Single(file.Scenarios));
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(System.AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChamberFirmware.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("ChamberFirmware.sln not found above " + System.AppContext.BaseDirectory);
    }

    public static string[] RepositoryScenarios() =>
        Directory.GetFiles(Path.Combine(RepositoryRoot(), "tests", "hil", "scenarios"), "*.yaml").OrderBy(f => f, System.StringComparer.Ordinal).ToArray();
}
