using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using ChamberCtl.Release;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Release;

public class SbomTests
{
    [Fact]
    public void The_sbom_lists_device_packages_as_required_and_host_packages_as_excluded_with_nuget_purls()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("nanoFramework.Versions.props"), "<Project />");
        File.WriteAllText(temp.Combine("Directory.Packages.props"),
            "<Project><ItemGroup><PackageVersion Include=\"xunit\" Version=\"2.9.3\" /></ItemGroup></Project>");
        Directory.CreateDirectory(temp.Combine("app"));
        Directory.CreateDirectory(temp.Combine("hal"));
        Directory.CreateDirectory(temp.Combine("app", "bin"));
        File.WriteAllText(temp.Combine("app", "packages.config"),
            "<packages><package id=\"nanoFramework.CoreLibrary\" version=\"1.17.11\" /><package id=\"nanoFramework.System.IO.FileSystem\" version=\"1.1.87\" /></packages>");
        File.WriteAllText(temp.Combine("hal", "packages.config"), "<packages><package id=\"nanoFramework.CoreLibrary\" version=\"1.17.11\" /></packages>");
        File.WriteAllText(temp.Combine("app", "bin", "packages.config"), "<packages><package id=\"Ignored\" version=\"0\" /></packages>");

        SbomWriter.Write(temp.Combine("sbom.json"), "2.0.0", PackageInventory.Read(temp.Path));
        var bom = JsonNode.Parse(File.ReadAllText(temp.Combine("sbom.json")))!;

        Assert.Equal("CycloneDX", (string?)bom["bomFormat"]);
        Assert.Equal("1.5", (string?)bom["specVersion"]);
        var components = bom["components"]!.AsArray();
        var core = components.Single(c => (string?)c!["name"] == "nanoFramework.CoreLibrary")!;
        Assert.Equal("pkg:nuget/nanoFramework.CoreLibrary@1.17.11", (string?)core["purl"]);
        Assert.Equal("required", (string?)core["scope"]);
        Assert.Equal(new[] { "app", "hal" }, core["properties"]!.AsArray().Select(p => (string?)p!["value"]).ToArray());
        Assert.Equal("excluded", (string?)components.Single(c => (string?)c!["name"] == "xunit")!["scope"]);
        Assert.DoesNotContain(components, c => (string?)c!["name"] == "Ignored");
        Assert.Equal("firmware", (string?)components.Single(c => (string?)c!["name"] == FirmwarePin.Target)!["type"]);
        var dependsOn = bom["dependencies"]![0]!["dependsOn"]!.AsArray().Select(d => (string?)d).ToArray();
        Assert.Contains("pkg:nuget/nanoFramework.System.IO.FileSystem@1.1.87", dependsOn);
        Assert.DoesNotContain("pkg:nuget/xunit@2.9.3", dependsOn);
    }

    [Fact]
    public void The_real_repository_sbom_covers_every_packages_config_entry()
    {
        var root = BundleFixture.RepositoryRoot;
        var packages = PackageInventory.Read(root);
        var configs = Directory.EnumerateFiles(root, "packages.config", SearchOption.AllDirectories)
            .Where(p => !p.Contains("/bin/", System.StringComparison.Ordinal) && !p.Contains("/obj/", System.StringComparison.Ordinal));
        foreach (var config in configs)
        {
            foreach (var entry in System.Xml.Linq.XDocument.Load(config).Descendants("package"))
            {
                Assert.Contains(packages, p => p.ShipsOnDevice && p.Id == (string?)entry.Attribute("id") && p.Version == (string?)entry.Attribute("version"));
            }
        }

        Assert.Contains(packages, p => !p.ShipsOnDevice && p.Id == "Spectre.Console");
    }
}
