using System.Collections.Generic;

namespace ChamberCtl.Hil;

internal sealed record HilSequenceNode(int Line, IReadOnlyList<HilNode> Items) : HilNode(Line)
{
    public override string TypeName => "a list";
}
