namespace ChamberCtl.Release;

/// <summary>
/// How big a release bundle may be when it is opened: a deployment image, its manifest, signature
/// and SBOM come to a few MiB. Checked while the private copy is written (bytes actually copied,
/// not the sizes a .zip declares), so a crafted bundle on a shared drive cannot fill the
/// technician's disk before its signature is even read.
/// </summary>
internal static class BundleLimits
{
    /// <summary>Files and folders of the copy together; for a .zip also the entries its directory lists, checked before it is read.</summary>
    public const int MaxEntries = 64;

    /// <summary>Bytes written to the copy; for a .zip also the size of the file itself, checked before it is read.</summary>

    public const long MaxTotalBytes = 64L * 1024 * 1024;
}
