using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChamberCtl.Release;

/// <summary>
/// CycloneDX 1.5 JSON bill of materials. Device packages (packages.config) have scope "required":
/// they are inside the firmware image. Host build packages (Directory.Packages.props) have scope
/// "excluded": tools and tests, recorded but not shipped. The nanoCLR image is a "firmware"
/// component. No timestamp or random serial: the same inputs give the same SBOM bytes.
/// </summary>
internal static class SbomWriter
{
    public static string Purl(string id, string version) => "pkg:nuget/" + id + "@" + version;

    public static void Write(string path, string appVersion, IReadOnlyList<PinnedPackage> packages)
    {
        var components = new JsonArray();
        var nanoClrRef = "firmware:nanoframework/" + FirmwarePin.Target + "@" + FirmwarePin.FirmwareVersion;
        components.Add(new JsonObject
        {
            ["type"] = "firmware",
            ["bom-ref"] = nanoClrRef,
            ["supplier"] = new JsonObject { ["name"] = ".NET nanoFramework" },
            ["name"] = FirmwarePin.Target,
            ["version"] = FirmwarePin.FirmwareVersion,
            ["description"] = "nanoCLR firmware image flashed by nanoff --update",
            ["scope"] = "required",
        });

        foreach (var package in packages)
        {
            var purl = Purl(package.Id, package.Version);
            components.Add(new JsonObject
            {
                ["type"] = "library",
                ["bom-ref"] = purl,
                ["name"] = package.Id,
                ["version"] = package.Version,
                ["purl"] = purl,
                ["scope"] = package.ShipsOnDevice ? "required" : "excluded",
                ["properties"] = new JsonArray(package.UsedBy.Select(u => (JsonNode)new JsonObject
                {
                    ["name"] = "chamberfirmware:pinnedIn",
                    ["value"] = u,
                }).ToArray()),
            });
        }

        const string appRef = "chamberfirmware-app";
        var bom = new JsonObject
        {
            ["bomFormat"] = "CycloneDX",
            ["specVersion"] = "1.5",
            ["version"] = 1,
            ["metadata"] = new JsonObject
            {
                ["tools"] = new JsonObject
                {
                    ["components"] = new JsonArray(new JsonObject { ["type"] = "application", ["name"] = "chamberctl", ["version"] = appVersion }),
                },
                ["component"] = new JsonObject
                {
                    ["type"] = "firmware",
                    ["bom-ref"] = appRef,
                    ["name"] = "ChamberFirmware",
                    ["version"] = appVersion,
                },
            },
            ["components"] = components,
            ["dependencies"] = new JsonArray(new JsonObject
            {
                ["ref"] = appRef,
                ["dependsOn"] = new JsonArray(packages.Where(p => p.ShipsOnDevice)
                    .Select(p => (JsonNode)JsonValue.Create(Purl(p.Id, p.Version))!)
                    .Prepend(JsonValue.Create(nanoClrRef)!)
                    .ToArray()),
            }),
        };

        File.WriteAllText(path, bom.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
