using System;
using System.IO;
using ChamberCtl.Release;

namespace ChamberFirmware.Fuzz.Harness;

/// <summary>A private scratch folder per harness process and the trusted store of the fuzz key.</summary>
internal sealed class BundleWorkspace : IDisposable
{
    public BundleWorkspace(string name)
    {
        Root = Path.Combine(Path.GetTempPath(), "chamberctl-fuzz-" + name + "-" + Environment.ProcessId);
        Directory.CreateDirectory(Root);
        TrustedKeys = FuzzSigningKey.CreateTrustedStore(Path.Combine(Root, "trusted.pem"));
    }

    public string Root { get; }

    public TrustedKeyStore TrustedKeys { get; }

    /// <summary>An empty folder for one run (the previous run's is removed first).</summary>
    public string FreshFolder(string name)
    {
        string folder = Path.Combine(Root, name);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        return folder;
    }

    public void Dispose()
    {
        TrustedKeys.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
