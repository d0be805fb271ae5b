using System;
using System.IO;
using System.Security.Cryptography;
using System.Text.Json;
using ChamberCtl.Release;
using ChamberFirmware.Fuzz.Harness;

namespace ChamberFirmware.Fuzz.Targets;

/// <summary>
/// A directory bundle's manifest.json and manifest.sig as `chamberctl flash` checks them
/// (BundleVerifier.Verify). Input: mode(1), then for mode bit 0 set the manifest (the harness
/// signs it with the fuzz key, to reach the checks behind the signature); for bit 0 clear a
/// signature file (chunk) and the manifest. The folder also holds app/deploy.bin ("FUZZ").
/// </summary>
public sealed class BundleManifestTarget : IFuzzTarget, IDisposable
{
    private readonly BundleWorkspace _workspace = new("manifest");
    private readonly ECDsa _key = FuzzSigningKey.Load();

    public string Name => "bundle-manifest";

    public string Description => "release bundle manifest.json and manifest.sig (BundleVerifier.Verify)";

    public bool Run(byte[] input)
    {
        var reader = new FuzzInput(input);
        bool sign = (reader.ReadByte() & 1) != 0;
        byte[] signature = sign ? Array.Empty<byte>() : reader.ReadChunk(255);
        byte[] manifest = reader.ReadRest();
        if (sign)
        {
            byte[] der = _key.SignData(manifest, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            var file = new ReleaseSignature(ReleaseSignature.EcdsaP256Sha256, SigningKeys.KeyId(_key), Convert.ToBase64String(der));
            signature = JsonSerializer.SerializeToUtf8Bytes(file, ReleaseManifest.JsonOptions);
        }

        string bundle = _workspace.FreshFolder("bundle");
        Directory.CreateDirectory(Path.Combine(bundle, BundleLayout.AppFolder));
        File.WriteAllText(Path.Combine(bundle, BundleLayout.DeploymentImage), "FUZZ");
        File.WriteAllBytes(Path.Combine(bundle, BundleLayout.Manifest), manifest);
        File.WriteAllBytes(Path.Combine(bundle, BundleLayout.Signature), signature);
        return BundleVerifier.Verify(bundle, _workspace.TrustedKeys).Failure == BundleFailure.None;
    }

    public void Dispose()
    {
        _key.Dispose();
        _workspace.Dispose();
    }
}
