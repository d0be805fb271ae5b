using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace ChamberCtl.Release;

/// <summary>
/// The nanoFramework packages a device build actually used, as the build recorded them beside the
/// deployment (nanoframework-packages.json, written by tools/DeviceBuild). With that file the SBOM
/// lists exactly what is in the image; without it (a deployment from the nanoFramework project
/// system) it lists every package the device projects' packages.config name.
/// </summary>
internal static class DeploymentPackages
{
    public const string FileName = "nanoframework-packages.json";

    public static IReadOnlyList<PinnedPackage> Apply(IReadOnlyList<PinnedPackage> pinned, string deploymentDirectory)
    {
        var path = Path.Combine(deploymentDirectory, FileName);
        if (!File.Exists(path))
        {
            return pinned;
        }

        List<UsedPackage>? used;
        try
        {
            used = JsonSerializer.Deserialize<List<UsedPackage>>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException(path + " is not the device build's package list: " + e.Message);
        }

        if (used is null || used.Count == 0 || used.Any(p => string.IsNullOrWhiteSpace(p.id) || string.IsNullOrWhiteSpace(p.version)))
        {
            throw new InvalidDataException(path + " lists no packages, or one without id or version");
        }

        return used.Select(p => new PinnedPackage(p.id!, p.version!, true, new[] { "deployment (" + p.assembly + ")" }))
            .OrderBy(p => p.Id, StringComparer.Ordinal)
            .Concat(pinned.Where(p => !p.ShipsOnDevice))
            .ToList();
    }

#pragma warning disable IDE1006, CA1812 // JSON names as the device build writes them; created by the deserializer.
    private sealed record UsedPackage(string? id, string? version, string? assembly);
#pragma warning restore IDE1006, CA1812
}
