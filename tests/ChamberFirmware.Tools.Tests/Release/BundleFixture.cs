using System;
using System.IO;
using ChamberCtl.Release;
using ChamberFirmware.DeviceBuild.Tests;

namespace ChamberFirmware.Tools.Tests.Release;

/// <summary>
/// A temp folder with a small device build (well-formed .pe files the test writes, plus the pinned
/// mscorlib.pe), a fresh signing key pair and a signed bundle built from them against this
/// repository's pinned packages. Deleted on Dispose.
/// </summary>
internal sealed class BundleFixture : IDisposable
{
    public static readonly Version Mscorlib = new(NanoFrameworkFiles.CoreLibraryVersion + ".0");
    public static readonly byte[] AppPe = SyntheticNanoPe.Build("ChamberFirmware.App", new Version(1, 2, 3, 0), 0, ("mscorlib", Mscorlib), ("ChamberFirmware.Core", new Version(1, 2, 3, 0)));
    public static readonly byte[] CorePe = SyntheticNanoPe.Build("ChamberFirmware.Core", new Version(1, 2, 3, 0), 0, ("mscorlib", Mscorlib));

    public BundleFixture(bool zip = false)
    {
        Directory.CreateDirectory(Temp.Combine("build"));
        System.IO.File.WriteAllBytes(Temp.Combine("build", "ChamberFirmware.App.pe"), AppPe);
        System.IO.File.WriteAllBytes(Temp.Combine("build", "ChamberFirmware.Core.pe"), CorePe);
        System.IO.File.Copy(NanoFrameworkFiles.MscorlibPe, Temp.Combine("build", "mscorlib.pe"));
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
