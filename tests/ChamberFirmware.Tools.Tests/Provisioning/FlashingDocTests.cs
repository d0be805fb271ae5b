using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ChamberCtl.Commands;
using ChamberCtl.Provisioning;
using ChamberFirmware.Tools.Tests.Hil;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Provisioning;

/// <summary>docs/flashing.md's provisioning examples, tried as a technician would copy them: the simulator's real port, the factory step, files that exist.</summary>
public partial class FlashingDocTests
{
    private static string Doc(string name) => File.ReadAllText(Path.Combine(HilTestData.RepositoryRoot(), "docs", name));

    [Fact]
    public void Every_loopback_target_in_the_flashing_guide_is_the_simulators_link_port()
    {
        var ports = LoopbackTarget().Matches(Doc("flashing.md")).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

        Assert.NotEmpty(ports);
        Assert.All(ports, port => Assert.Equal(SimCommand.DefaultLinkPort, port));
    }

    [Fact]
    public void The_flashing_guide_starts_a_factory_fresh_simulator_before_its_factory_example_on_the_simulator()
    {
        var doc = Doc("flashing.md");
        var fresh = doc.IndexOf("sim --factory-fresh", StringComparison.Ordinal);

        Assert.True(fresh >= 0, "no 'sim --factory-fresh' step in docs/flashing.md");
        Assert.Contains("--serial", doc[fresh..], StringComparison.Ordinal);
    }

    [Fact]
    public void Every_settings_file_the_docs_name_exists_and_loads_within_the_bounds()
    {
        var named = Directory.GetFiles(Path.Combine(HilTestData.RepositoryRoot(), "docs"), "*.md")
            .SelectMany(f => SettingsOption().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(path => !path.Contains("FILE", StringComparison.Ordinal))
            .Distinct()
            .ToList();

        Assert.NotEmpty(named);
        foreach (var relative in named)
        {
            var path = Path.Combine(HilTestData.RepositoryRoot(), relative);
            Assert.True(File.Exists(path), "the docs name --settings " + relative + " but the repository has no such file");
            var settings = SettingsInput.FromFile(path);
            Assert.False(settings.IsEmpty);
            settings.CheckBounds();
            Assert.Equal(SettingsFieldInfo.All.Count, SettingsFieldInfo.All.Count(f => File.ReadAllText(path).Contains('"' + f.JsonName + '"', StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void The_guide_uses_one_name_for_the_device_key_file()
    {
        var examples = string.Join('\n', Doc("flashing.md").Split('\n').Where(l => l.Contains("provision --", StringComparison.Ordinal) || l.TrimStart().StartsWith("--", StringComparison.Ordinal)));

        Assert.Contains("--key-file", examples, StringComparison.Ordinal);
        Assert.DoesNotContain("--current-key-file", examples, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"tcp:127\.0\.0\.1:(\d+)")]
    private static partial Regex LoopbackTarget();

    [GeneratedRegex(@"--settings (\S+\.json)")]
    private static partial Regex SettingsOption();
}
