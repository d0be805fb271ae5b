using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChamberCtl.Release;

/// <summary>manifest.json: what the bundle is and the SHA-256 of every file in it. The signature covers its exact bytes.</summary>
internal sealed record ReleaseManifest(
    int Format,
    string Product,
    string AppVersion,
    string CoreVersion,
    NanoClrPin NanoClr,
    string DeploymentImage,
    string DeploymentAddress,
    IReadOnlyList<ManifestFile> Files)
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

internal sealed record NanoClrPin(string Target, string Version, string Platform);

internal sealed record ManifestFile(string Path, long Size, string Sha256);
