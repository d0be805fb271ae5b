namespace PortabilityGuard
{
    /// <summary>A construct inside a signature that the stable nanoCLR cannot handle, with the type text that shows it.</summary>
    public sealed record TypeIssue(ViolationKind Kind, string TypeText);
}
