using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using ChamberCtl.Release;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Release;

public class ReleaseBundleTests
{
    private static CliRun Verify(BundleFixture fixture, string? path = null) =>
        CliRun.Of("release", "verify", path ?? fixture.BundleDirectory, "--trusted-key", fixture.Key.PublicKeyPath);

    [Fact]
    public void Release_writes_pe_files_deployment_image_sbom_manifest_and_signature()
    {
        using var fixture = new BundleFixture();

        var files = Directory.EnumerateFiles(fixture.BundleDirectory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(fixture.BundleDirectory, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "app/ChamberFirmware.App.pe", "app/ChamberFirmware.Core.pe", "app/deploy.bin", "app/mscorlib.pe", "manifest.json", "manifest.sig", "sbom.cdx.json" }, files);

        // deploy.bin: the .pe files in name order, each padded to 4 bytes (these are all 4-aligned).
        var expected = BundleFixture.AppPe.Concat(BundleFixture.CorePe).Concat(File.ReadAllBytes(ChamberFirmware.DeviceBuild.Tests.NanoFrameworkFiles.MscorlibPe)).ToArray();
        Assert.Equal(expected, File.ReadAllBytes(fixture.File("app/deploy.bin")));

        var manifest = JsonSerializer.Deserialize<ReleaseManifest>(File.ReadAllBytes(fixture.File("manifest.json")), ReleaseManifest.JsonOptions)!;
        Assert.Equal("1.2.3", manifest.AppVersion);
        Assert.Equal("ESP32_BLE_REV3", manifest.NanoClr.Target);
        Assert.Equal(FirmwarePin.FirmwareVersion, manifest.NanoClr.Version);
        Assert.Equal("0x1D0000", manifest.DeploymentAddress);
        Assert.Equal("app/deploy.bin", manifest.DeploymentImage);
        Assert.Equal(5, manifest.Files.Count);
        foreach (var file in manifest.Files)
        {
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(fixture.File(file.Path)))), file.Sha256);
        }
    }

    [Fact]
    public void Verify_accepts_an_untouched_bundle_signed_by_a_trusted_key()
    {
        using var fixture = new BundleFixture();
        var run = Verify(fixture);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("OK: bundle verified: signed by " + fixture.Key.KeyId, run.Output);
        Assert.Contains("WARNING: also trusting the key", run.Error);
    }

    [Fact]
    public void Verify_refuses_a_change_to_any_byte_of_an_application_file_and_names_the_file()
    {
        using var fixture = new BundleFixture();
        var path = fixture.File("app/ChamberFirmware.App.pe");
        var original = File.ReadAllBytes(path);
        for (var i = 0; i < original.Length; i++)
        {
            var tampered = (byte[])original.Clone();
            tampered[i] ^= 0x01;
            File.WriteAllBytes(path, tampered);

            var run = Verify(fixture);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("REFUSED: file changed since signing (SHA-256 mismatch): app/ChamberFirmware.App.pe", run.Error);
        }
    }

    [Theory]
    [InlineData("app/ChamberFirmware.Core.pe")]
    [InlineData("app/deploy.bin")]
    [InlineData("sbom.cdx.json")]
    public void Verify_refuses_a_tampered_file_of_every_kind(string relative)
    {
        using var fixture = new BundleFixture();
        var bytes = File.ReadAllBytes(fixture.File(relative));
        bytes[bytes.Length / 2] ^= 0x80;
        File.WriteAllBytes(fixture.File(relative), bytes);

        var run = Verify(fixture);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("SHA-256 mismatch): " + relative, run.Error);
    }

    [Fact]
    public void Verify_refuses_a_changed_manifest_even_when_its_hashes_are_made_consistent()
    {
        using var fixture = new BundleFixture();
        // An attacker swaps the app and rewrites its hash in the manifest.
        File.WriteAllBytes(fixture.File("app/ChamberFirmware.App.pe"), new byte[] { 0xBA, 0xD0 });
        var text = File.ReadAllText(fixture.File("manifest.json"));
        var manifest = JsonSerializer.Deserialize<ReleaseManifest>(text, ReleaseManifest.JsonOptions)!;
        var files = manifest.Files.Select(f => f.Path == "app/ChamberFirmware.App.pe" ? f with { Size = 2, Sha256 = Convert.ToHexStringLower(SHA256.HashData(new byte[] { 0xBA, 0xD0 })) } : f).ToList();
        File.WriteAllBytes(fixture.File("manifest.json"), JsonSerializer.SerializeToUtf8Bytes(manifest with { Files = files }, ReleaseManifest.JsonOptions));

        var run = Verify(fixture);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("REFUSED: signature check failed: manifest.json was changed after signing", run.Error);
    }

    [Fact]
    public void Verify_refuses_a_one_byte_change_to_the_manifest()
    {
        using var fixture = new BundleFixture();
        var bytes = File.ReadAllBytes(fixture.File("manifest.json"));
        var at = Array.IndexOf(bytes, (byte)'1');
        bytes[at] = (byte)'2';
        File.WriteAllBytes(fixture.File("manifest.json"), bytes);

        var run = Verify(fixture);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("signature check failed", run.Error);
    }

    [Fact]
    public void Verify_refuses_an_unsigned_bundle()
    {
        using var fixture = new BundleFixture();
        File.Delete(fixture.File("manifest.sig"));

        var run = Verify(fixture);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("REFUSED: bundle is unsigned", run.Error);
    }

    [Fact]
    public void Verify_refuses_a_bundle_signed_by_a_key_that_is_not_pinned()
    {
        using var fixture = new BundleFixture();

        var run = CliRun.Of("release", "verify", fixture.BundleDirectory);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("REFUSED: bundle is signed by key " + fixture.Key.KeyId + ", which is not a pinned release key", run.Error);
    }

    [Fact]
    public void Verify_refuses_a_bundle_resigned_by_an_attacker_key_claiming_a_trusted_key_id()
    {
        using var fixture = new BundleFixture();
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var manifest = File.ReadAllBytes(fixture.File("manifest.json"));
        var forged = new ReleaseSignature(ReleaseSignature.EcdsaP256Sha256, fixture.Key.KeyId,
            Convert.ToBase64String(attacker.SignData(manifest, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)));
        File.WriteAllText(fixture.File("manifest.sig"), JsonSerializer.Serialize(forged, ReleaseManifest.JsonOptions));

        var run = Verify(fixture);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("signature check failed", run.Error);
    }

    [Fact]
    public void Verify_refuses_added_and_missing_files()
    {
        using var fixture = new BundleFixture();
        File.WriteAllText(fixture.File("app/extra.pe"), "smuggled");
        Assert.Contains("file not in the signed manifest: app/extra.pe", Verify(fixture).Error);

        File.Delete(fixture.File("app/extra.pe"));
        File.Delete(fixture.File("sbom.cdx.json"));
        Assert.Contains("file missing from bundle: sbom.cdx.json", Verify(fixture).Error);
    }

    [Fact]
    public void Verify_refuses_a_validly_signed_bundle_for_another_firmware_pin()
    {
        using var fixture = new BundleFixture();
        var manifest = JsonSerializer.Deserialize<ReleaseManifest>(File.ReadAllBytes(fixture.File("manifest.json")), ReleaseManifest.JsonOptions)!;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(manifest with { NanoClr = manifest.NanoClr with { Version = "1.0.0.1" } }, ReleaseManifest.JsonOptions);
        File.WriteAllBytes(fixture.File("manifest.json"), bytes);
        using var key = SigningKeys.LoadPrivateKey(fixture.Key.PrivateKeyPath);
        var signature = new ReleaseSignature(ReleaseSignature.EcdsaP256Sha256, fixture.Key.KeyId,
            Convert.ToBase64String(key.SignData(bytes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)));
        File.WriteAllText(fixture.File("manifest.sig"), JsonSerializer.Serialize(signature, ReleaseManifest.JsonOptions));

        var run = Verify(fixture);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("bundle is for nanoCLR ESP32_BLE_REV3 1.0.0.1", run.Error);
    }

    [Fact]
    public void A_zipped_bundle_verifies_and_a_tampered_zip_is_refused()
    {
        using var fixture = new BundleFixture(zip: true);
        Assert.True(File.Exists(fixture.ZipPath));
        Assert.Equal(0, Verify(fixture, fixture.ZipPath).ExitCode);

        using (var archive = ZipFile.Open(fixture.ZipPath, ZipArchiveMode.Update))
        {
            archive.GetEntry("app/deploy.bin")!.Delete();
            using var stream = archive.CreateEntry("app/deploy.bin").Open();
            stream.Write(new byte[] { 1, 2, 3 });
        }

        var run = Verify(fixture, fixture.ZipPath);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("app/deploy.bin", run.Error);
    }

    [Fact]
    public void Release_refuses_to_overwrite_or_to_build_without_pe_files_and_leaves_nothing()
    {
        using var fixture = new BundleFixture();
        var again = CliRun.Of("release", "--deployment", fixture.Temp.Combine("build"), "--signing-key", fixture.Key.PrivateKeyPath, "--output", fixture.BundleDirectory, "--repo-root", BundleFixture.RepositoryRoot);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("output already exists", again.Error);

        Directory.CreateDirectory(fixture.Temp.Combine("empty"));
        var empty = CliRun.Of("release", "--deployment", fixture.Temp.Combine("empty"), "--signing-key", fixture.Key.PrivateKeyPath, "--output", fixture.Temp.Combine("out2"), "--repo-root", BundleFixture.RepositoryRoot);
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("no .pe files", empty.Error);
        Assert.False(Directory.Exists(fixture.Temp.Combine("out2")));

        var badKey = CliRun.Of("release", "--deployment", fixture.Temp.Combine("build"), "--signing-key", fixture.Key.PublicKeyPath, "--output", fixture.Temp.Combine("out3"), "--repo-root", BundleFixture.RepositoryRoot);
        Assert.Equal(1, badKey.ExitCode);
        Assert.Contains("is not an EC private key", badKey.Error);
        Assert.False(Directory.Exists(fixture.Temp.Combine("out3")));

        var missing = CliRun.Of("release", "--deployment", fixture.Temp.Combine("build"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--signing-key is required", missing.Error);
    }

    [Fact]
    public void Release_through_the_command_line_builds_a_bundle_that_verifies()
    {
        using var fixture = new BundleFixture();
        var run = CliRun.Of("release", "--deployment", fixture.Temp.Combine("build"), "--signing-key", fixture.Key.PrivateKeyPath, "--output", fixture.Temp.Combine("cli-bundle"), "--zip", "--repo-root", BundleFixture.RepositoryRoot);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("release bundle written", run.Output);
        Assert.Equal(0, CliRun.Of("release", "verify", fixture.Temp.Combine("cli-bundle.zip"), "--trusted-key", fixture.Key.PublicKeyPath).ExitCode);
    }
}
