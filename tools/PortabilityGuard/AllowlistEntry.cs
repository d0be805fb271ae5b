namespace PortabilityGuard
{
    /// <summary>
    /// One line of an allowlist file: an API outside the guarded assembly that nanoFramework provides,
    /// and the NuGet package that provides it on the device.
    /// </summary>
    /// <param name="DeviceName">
    /// For a host lowering (kind <c>lowered</c>): the member the device compiler binds the same source
    /// to, which is what must exist on the device. Null otherwise.
    /// </param>
    public sealed record AllowlistEntry(AllowlistEntryKind Kind, string CanonicalName, string Package, string File, int Line, string? DeviceName = null)
    {
        /// <summary>What the device must have for this line to be true.</summary>
        public string DeviceCanonicalName => DeviceName ?? CanonicalName;

        /// <summary>The line as it is written in a file, without the package: what the guard tells engineers to add.</summary>
        public static string FormatLine(AllowlistEntryKind kind, string canonicalName) =>
            (kind == AllowlistEntryKind.Type ? "type " : "member ") + canonicalName;
    }
}
