namespace ChamberCtl.Release;

/// <summary>The outcome of checking a bundle: on success the manifest and who signed it; otherwise what failed, in words.</summary>
internal sealed record BundleVerification(
    BundleFailure Failure,
    string Message,
    ReleaseManifest? Manifest = null,
    string? KeyId = null,
    string? KeySource = null,
    string? ManifestSha256 = null)
{
    public bool Succeeded => Failure == BundleFailure.None;

    public static BundleVerification Fail(BundleFailure failure, string message) => new(failure, message);
}
