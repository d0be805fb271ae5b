using System;
using System.IO;
using ChamberCtl.Release;

namespace ChamberFirmware.Tools.Tests.Release;

/// <summary>
/// A temp folder with a fake device build (.pe files the test writes), a fresh signing key pair and
/// a signed bundle built from them against this repository's pinned packages. Deleted on Dispose.
/// </summary>
internal sealed class BundleFixture : IDisposable
{
    public static readonly byte[] AppPe = { 0x4E, 0x46, 0x4D, 0x52, 1, 2, 3, 4, 5, 6, 7 };
    public static readonly byte[] CorePe = { 0x4E, 0x46, 0x4D, 0x52, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 };

    public BundleFixture(bool zip = false)
    {
        Directory.CreateDirectory(Temp.Combine("build"));
        System.IO.File.WriteAllBytes(Temp.Combine("build", "ChamberFirmware.App.pe"), AppPe);
        System.IO.File.WriteAllBytes(Temp.Combine("build", "ChamberFirmware.Core.pe"), CorePe);
        System.IO.File.WriteAllText(Temp.Combine("build", "ChamberFirmware.App.pdbx"), "not part of the image");
        Key = SigningKeyGenerator.Generate(Temp.Combine("keys"), "test-release");
        BundleDirectory = ReleaseBundleBuilder.Build(new ReleaseRequest(Temp.Combine("build"), Key.PrivateKeyPath, Temp.Combine("bundle"), RepositoryRoot, "1.2.3", zip));
    }

    public static string RepositoryRoot =>
        PackageInventory.FindRepositoryRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);

    public TempDirectory Temp { get; } = new();

    public SigningKeyGenerator.GeneratedKey Key { get; }

    public string BundleDirectory { get; }

    public string ZipPath => BundleDirectory + ".zip";

    public string File(string relative) => Path.Combine(BundleDirectory, relative);

    public void Dispose() => Temp.Dispose();
}
