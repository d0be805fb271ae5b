namespace ChamberCtl.Release;

/// <summary>
/// How big a release bundle may be when it is opened: a deployment image, its manifest, signature
/// and SBOM come to a few MiB. Checked while the private copy is written (bytes actually copied,
/// not the sizes a .zip declares), so a crafted bundle on a shared drive cannot fill the
/// technician's disk before its signature is even read.
/// </summary>
internal static class BundleLimits
{
    public const int MaxEntries = 64;

    public const long MaxTotalBytes = 64L * 1024 * 1024;
}
