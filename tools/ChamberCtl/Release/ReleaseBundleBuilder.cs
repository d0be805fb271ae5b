using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using ChamberFirmware.Core;

namespace ChamberCtl.Release;

/// <summary>Inputs of one release build.</summary>
internal sealed record ReleaseRequest(string DeploymentDirectory, string SigningKeyPem, string OutputDirectory, string? RepositoryRoot, string AppVersion, bool Zip);

/// <summary>
/// Builds a signed bundle: app/*.pe + app/deploy.bin, sbom.cdx.json, manifest.json (hashes of all
/// of them and the firmware pin) and manifest.sig. The output directory must not exist yet, so a
/// failed build never leaves a half-bundle that looks real; on any failure it is removed.
/// </summary>
internal static class ReleaseBundleBuilder
{
    public static string Build(ReleaseRequest request)
    {
        if (!Directory.Exists(request.DeploymentDirectory))
        {
            throw new InvalidDataException("deployment folder not found: " + request.DeploymentDirectory + " (give the device build's output folder with the .pe files)");
        }

        var peFiles = DeploymentImage.FindPeFiles(request.DeploymentDirectory);
        if (peFiles.Length == 0)
        {
            throw new InvalidDataException("no .pe files in " + request.DeploymentDirectory + ": build the device app first (nf.proj) and give its output folder");
        }

        // What a board would refuse at boot is refused here, before anything is signed.
        var problems = DeviceBuild.DeploymentCheck.Check(peFiles);
        if (problems.Count > 0)
        {
            throw new InvalidDataException("the deployment in " + request.DeploymentDirectory + " would not load on the pinned firmware: " + string.Join("; ", problems));
        }

        if (Directory.Exists(request.OutputDirectory) || File.Exists(request.OutputDirectory))
        {
            throw new InvalidDataException("output already exists: " + request.OutputDirectory + " (choose a new folder; bundles are never overwritten)");
        }

        using var signingKey = SigningKeys.LoadPrivateKey(request.SigningKeyPem);
        var packages = DeploymentPackages.Apply(request.RepositoryRoot is null ? PackageInventory.ReadEmbedded() : PackageInventory.Read(request.RepositoryRoot), request.DeploymentDirectory);

        var output = Path.GetFullPath(request.OutputDirectory);
        var zipPath = output.TrimEnd(Path.DirectorySeparatorChar) + ".zip";
        if (request.Zip && File.Exists(zipPath))
        {
            throw new InvalidDataException("zip already exists: " + zipPath);
        }

        try
        {
            var app = Path.Combine(output, BundleLayout.AppFolder);
            Directory.CreateDirectory(app);
            foreach (var pe in peFiles)
            {
                File.Copy(pe, Path.Combine(app, Path.GetFileName(pe)));
            }

            DeploymentImage.Write(peFiles, Path.Combine(output, BundleLayout.DeploymentImage));
            SbomWriter.Write(Path.Combine(output, BundleLayout.Sbom), request.AppVersion, packages);

            var files = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(output, f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)
                .Select(rel => new ManifestFile(rel, new FileInfo(Path.Combine(output, rel)).Length, FileHashing.Sha256Hex(Path.Combine(output, rel))))
                .ToList();

            var manifest = new ReleaseManifest(
                BundleLayout.ManifestFormat,
                "ChamberFirmware",
                request.AppVersion,
                CoreInfo.VersionText,
                new NanoClrPin(FirmwarePin.Target, FirmwarePin.FirmwareVersion, FirmwarePin.Platform),
                BundleLayout.DeploymentImage,
                FirmwarePin.DeploymentAddress,
                files);
            var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest, ReleaseManifest.JsonOptions);
            File.WriteAllBytes(Path.Combine(output, BundleLayout.Manifest), manifestBytes);

            var signature = signingKey.SignData(manifestBytes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            var signatureFile = new ReleaseSignature(ReleaseSignature.EcdsaP256Sha256, SigningKeys.KeyId(signingKey), Convert.ToBase64String(signature));
            File.WriteAllText(Path.Combine(output, BundleLayout.Signature), JsonSerializer.Serialize(signatureFile, ReleaseManifest.JsonOptions) + "\n");

            if (request.Zip)
            {
                ZipFile.CreateFromDirectory(output, zipPath, CompressionLevel.Optimal, includeBaseDirectory: false);
            }

            return output;
        }
        catch
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }

            if (request.Zip && File.Exists(zipPath))
            {
                File.Delete(zipPath);
            }

            throw;
        }
    }

    /// <summary>Lists what the bundle would be built from (used in messages and tests).</summary>
    public static IReadOnlyList<string> PeFileNames(string deploymentDirectory) =>
        DeploymentImage.FindPeFiles(deploymentDirectory).Select(Path.GetFileName).ToList()!;
}
