namespace PortabilityGuard
{
    /// <summary>
    /// One line of an allowlist file: an API outside the guarded assembly that nanoFramework provides,
    /// and the NuGet package that provides it on the device.
    /// </summary>
    public sealed record AllowlistEntry(AllowlistEntryKind Kind, string CanonicalName, string Package, string File, int Line)
    {
        /// <summary>The line as it is written in a file, without the package: what the guard tells engineers to add.</summary>
        public static string FormatLine(AllowlistEntryKind kind, string canonicalName) =>
            (kind == AllowlistEntryKind.Type ? "type " : "member ") + canonicalName;
    }
}
