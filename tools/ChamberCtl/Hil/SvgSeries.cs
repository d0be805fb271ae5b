using System.Collections.Generic;

namespace ChamberCtl.Hil;

/// <summary>
/// One line on an <see cref="SvgChart"/>; <see cref="Step"/> draws it as a step (value holds until
/// the next point). <see cref="UpperEnvelope"/> draws only the highest value of each pixel column
/// (for a fast sawtooth such as the link age, where the peaks are what is compared with a limit).
/// </summary>
internal sealed record SvgSeries(string Name, string Color, IReadOnlyList<SvgPoint> Points, bool Step)
{
    public bool UpperEnvelope { get; init; }
}
