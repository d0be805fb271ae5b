using System.Collections.Generic;

namespace ChamberCtl.Hil;

/// <summary>A mapping, keys in document order (duplicates are rejected by the readers).</summary>
internal sealed record HilMappingNode(int Line, IReadOnlyList<KeyValuePair<string, HilNode>> Entries) : HilNode(Line)
{
    public override string TypeName => "a mapping";
}
