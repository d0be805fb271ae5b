namespace PortabilityGuard
{
    /// <summary>What an allowlist line names: a whole type, or one member (method, constructor, field).</summary>
    public enum AllowlistEntryKind
    {
        Type,
        Member,
    }
}
