namespace ChamberCtl.Hil;

/// <summary>
/// A node of a scenario document, the same for YAML and JSON so that one parser validates both.
/// <see cref="Line"/> is 1-based, 0 when the format does not give positions (JSON).
/// </summary>
internal abstract record HilNode(int Line)
{
    public abstract string TypeName { get; }
}
