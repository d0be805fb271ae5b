namespace ChamberCtl.Hil;

/// <summary>A labelled reference line: horizontal (a limit, at a Y value) or vertical (an event, at an X value).</summary>
internal sealed record SvgMarker(double Value, string Label, string Color, bool Dashed, string CssClass)
{
    /// <summary>Whether the label is written next to the line (it is always the line's tooltip).</summary>
    public bool ShowLabel { get; init; } = true;
}
