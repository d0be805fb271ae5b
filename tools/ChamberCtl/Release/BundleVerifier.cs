using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;

namespace ChamberCtl.Release;

/// <summary>
/// Checks a bundle before anything is flashed: signature over manifest.json by a pinned key, the
/// manifest names this chamberctl's firmware pin, every listed file is present with its size and
/// SHA-256, and nothing unlisted was added. The first failure is reported, naming what failed.
/// </summary>
internal static class BundleVerifier
{
    public static BundleVerification Verify(string bundleDirectory, TrustedKeyStore trustedKeys, string? shownAs = null)
    {
        var manifestPath = Path.Combine(bundleDirectory, BundleLayout.Manifest);
        var signaturePath = Path.Combine(bundleDirectory, BundleLayout.Signature);
        if (!File.Exists(manifestPath))
        {
            return BundleVerification.Fail(BundleFailure.NotABundle, "not a release bundle: " + BundleLayout.Manifest + " is missing in " + (shownAs ?? bundleDirectory));
        }

        if (!File.Exists(signaturePath))
        {
            return BundleVerification.Fail(BundleFailure.Unsigned, "bundle is unsigned: " + BundleLayout.Signature + " is missing; only signed release bundles may be flashed");
        }

        ReleaseSignature? signature;
        try
        {
            signature = JsonSerializer.Deserialize<ReleaseSignature>(File.ReadAllText(signaturePath), ReleaseManifest.JsonOptions);
        }
        catch (JsonException ex)
        {
            return BundleVerification.Fail(BundleFailure.SignatureMalformed, BundleLayout.Signature + " is not a valid signature file: " + ex.Message);
        }

        if (signature is null || signature.Algorithm != ReleaseSignature.EcdsaP256Sha256 || string.IsNullOrEmpty(signature.KeyId) || string.IsNullOrEmpty(signature.Signature))
        {
            return BundleVerification.Fail(BundleFailure.SignatureMalformed, BundleLayout.Signature + " does not name the algorithm " + ReleaseSignature.EcdsaP256Sha256 + ", a key id and a signature");
        }

        if (!trustedKeys.TryGet(signature.KeyId, out var key, out var keySource))
        {
            var known = trustedKeys.KeyIds.Count == 0 ? "none" : string.Join(", ", trustedKeys.KeyIds.Order(StringComparer.Ordinal));
            return BundleVerification.Fail(BundleFailure.UnknownKey, "bundle is signed by key " + signature.KeyId + ", which is not a pinned release key (trusted: " + known + ")");
        }

        var manifestBytes = File.ReadAllBytes(manifestPath);
        byte[] signatureBytes;
        try
        {
            signatureBytes = Convert.FromBase64String(signature.Signature);
        }
        catch (FormatException)
        {
            return BundleVerification.Fail(BundleFailure.SignatureMalformed, BundleLayout.Signature + ": the signature is not base64");
        }

        if (!key.VerifyData(manifestBytes, signatureBytes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))
        {
            return BundleVerification.Fail(BundleFailure.BadSignature, "signature check failed: " + BundleLayout.Manifest + " was changed after signing, or the signature is corrupt (key " + signature.KeyId + ")");
        }

        ReleaseManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ReleaseManifest>(manifestBytes, ReleaseManifest.JsonOptions);
        }
        catch (JsonException ex)
        {
            return BundleVerification.Fail(BundleFailure.ManifestMalformed, BundleLayout.Manifest + " is signed but unreadable: " + ex.Message);
        }

        if (manifest is null || manifest.Format != BundleLayout.ManifestFormat || manifest.Files is null || manifest.NanoClr is null || manifest.DeploymentImage is null)
        {
            return BundleVerification.Fail(BundleFailure.ManifestMalformed, BundleLayout.Manifest + " is not a format " + BundleLayout.ManifestFormat + " manifest");
        }

        if (manifest.NanoClr.Target != FirmwarePin.Target || manifest.NanoClr.Version != FirmwarePin.FirmwareVersion || manifest.DeploymentAddress != FirmwarePin.DeploymentAddress)
        {
            return BundleVerification.Fail(BundleFailure.WrongFirmwarePin, "bundle is for nanoCLR " + manifest.NanoClr.Target + " " + manifest.NanoClr.Version + " at " + manifest.DeploymentAddress
                + ", but this chamberctl flashes " + FirmwarePin.Target + " " + FirmwarePin.FirmwareVersion + " at " + FirmwarePin.DeploymentAddress + ": use the chamberctl of that release");
        }

        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in manifest.Files)
        {
            if (!IsSafeRelativePath(file.Path) || !listed.Add(file.Path))
            {
                return BundleVerification.Fail(BundleFailure.UnsafePath, "manifest lists an unsafe or duplicate path: " + file.Path);
            }

            var full = Path.Combine(bundleDirectory, file.Path);
            if (!File.Exists(full))
            {
                return BundleVerification.Fail(BundleFailure.FileMissing, "file missing from bundle: " + file.Path);
            }

            if (new FileInfo(full).Length != file.Size || FileHashing.Sha256Hex(full) != file.Sha256)
            {
                return BundleVerification.Fail(BundleFailure.FileModified, "file changed since signing (SHA-256 mismatch): " + file.Path);
            }
        }

        if (!listed.Contains(manifest.DeploymentImage))
        {
            return BundleVerification.Fail(BundleFailure.ManifestMalformed, "the deployment image " + manifest.DeploymentImage + " is not among the hashed files");
        }

        foreach (var present in Directory.EnumerateFiles(bundleDirectory, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(bundleDirectory, present).Replace('\\', '/');
            if (relative != BundleLayout.Manifest && relative != BundleLayout.Signature && !listed.Contains(relative))
            {
                return BundleVerification.Fail(BundleFailure.UnexpectedFile, "file not in the signed manifest: " + relative);
            }
        }

        return new BundleVerification(BundleFailure.None, "bundle verified: signed by " + signature.KeyId + " (" + keySource + "), " + manifest.Files.Count + " files match",
            manifest, signature.KeyId, keySource, FileHashing.Sha256Hex(manifestBytes));
    }

    private static bool IsSafeRelativePath(string path) =>
        !string.IsNullOrEmpty(path)
        && !path.Contains('\\', StringComparison.Ordinal)
        && !path.StartsWith('/')
        && !Path.IsPathRooted(path)
        && path.Split('/').All(part => part.Length > 0 && part != "." && part != "..")
        && path != BundleLayout.Manifest
        && path != BundleLayout.Signature;
}
