namespace ChamberCtl.Hil;

/// <summary>
/// A scalar. <see cref="IsString"/> is true for quoted YAML scalars and JSON strings: those are
/// never read as numbers or booleans (a quoted "500" for wait_ms is a wrong type, not 500).
/// <see cref="Text"/> is null for an empty YAML value or JSON null.
/// </summary>
internal sealed record HilScalarNode(int Line, string? Text, bool IsString) : HilNode(Line)
{
    public override string TypeName => Text is null ? "nothing" : IsString ? "a string" : "a scalar";
}
