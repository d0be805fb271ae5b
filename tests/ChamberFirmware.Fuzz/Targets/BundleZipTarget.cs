using System;
using System.IO;
using ChamberCtl.Release;
using ChamberFirmware.Fuzz.Harness;

namespace ChamberFirmware.Fuzz.Targets;

/// <summary>
/// A .zip release bundle as `chamberctl flash` opens it (OpenedBundle.TryOpen: extraction into a
/// private temp folder; then BundleVerifier.Verify on what came out). Input: the zip file.
/// </summary>
public sealed class BundleZipTarget : IFuzzTarget, IDisposable
{
    private readonly BundleWorkspace _workspace = new("zip");

    public string Name => "bundle-zip";

    public string Description => "release bundle .zip files and their entries (OpenedBundle.TryOpen, BundleVerifier.Verify)";

    public bool Run(byte[] input)
    {
        string zip = Path.Combine(_workspace.Root, "bundle.zip");
        File.WriteAllBytes(zip, input);
        if (!OpenedBundle.TryOpen(zip, out var bundle, out _))
        {
            return false;
        }

        using (bundle)
        {
            return BundleVerifier.Verify(bundle!.Directory, _workspace.TrustedKeys).Failure == BundleFailure.None;
        }
    }

    public void Dispose() => _workspace.Dispose();
}
