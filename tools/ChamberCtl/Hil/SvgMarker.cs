namespace ChamberCtl.Hil;

/// <summary>A labelled reference line: horizontal (a limit, at a Y value) or vertical (an event, at an X value).</summary>
internal sealed record SvgMarker(double Value, string Label, string Color, bool Dashed, string CssClass);
