namespace DeviceBuild
{
    /// <summary>
    /// A nanoFramework assembly a device project compiles against: the <c>Reference</c> item, the
    /// package it comes from (as its HintPath names it) and the version nanoFramework.Versions.props pins.
    /// </summary>
    internal sealed record NfReference(string AssemblyFileName, string PackageId, string PackageVersion);
}
