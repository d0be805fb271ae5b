using System.Collections.Generic;

namespace ChamberCtl.Hil;

/// <summary>One line on an <see cref="SvgChart"/>; <see cref="Step"/> draws it as a step (value holds until the next point).</summary>
internal sealed record SvgSeries(string Name, string Color, IReadOnlyList<SvgPoint> Points, bool Step);
