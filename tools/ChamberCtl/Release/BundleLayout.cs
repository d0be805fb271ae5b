namespace ChamberCtl.Release;

/// <summary>File names inside a release bundle (paths use '/' and are relative to the bundle root).</summary>
internal static class BundleLayout
{
    public const string Manifest = "manifest.json";
    public const string Signature = "manifest.sig";
    public const string AppFolder = "app";
    public const string DeploymentImage = "app/deploy.bin";
    public const string Sbom = "sbom.cdx.json";
    public const int ManifestFormat = 1;
}
