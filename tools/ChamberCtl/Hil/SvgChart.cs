using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;

namespace ChamberCtl.Hil;

/// <summary>
/// A small inline SVG line chart (no script, no external resource): series, horizontal limit
/// lines and vertical event markers over a time axis in milliseconds. Long traces are reduced to
/// the minimum and maximum of each pixel column so that a one-sample spike still shows.
/// </summary>
internal sealed class SvgChart
{
    private const int Width = 900;
    private const int Left = 70;
    private const int Right = 20;
    private const int Top = 22;
    private const int Bottom = 28;
    private const int LabelRowHeight = 11;
    private const int MaxLabelRows = 8;
    private const double LabelGap = 4;

    /// <summary>Estimated width per character of the 10 px label font (wider than its real average).</summary>
    internal const double LabelCharacterWidth = 6;

    private readonly string _title;
    private readonly int _height;
    private readonly double _xMax;
    private readonly double _yMin;
    private readonly double _yMax;
    private readonly List<SvgSeries> _series = [];
    private readonly List<SvgMarker> _limits = [];
    private readonly List<SvgMarker> _events = [];

    public SvgChart(string title, int height, double xMaxMilliseconds, double yMin, double yMax)
    {
        _title = title;
        _height = height;
        _xMax = Math.Max(1, xMaxMilliseconds);
        _yMin = yMin;
        _yMax = yMax > yMin ? yMax : yMin + 1;
    }

    /// <summary>
    /// A log10 y axis (decades labelled): a runaway's exponential rise is a straight climb from rest
    /// counts of a few thousand up to the limit and the hard ceiling, all on one plot. Needs yMin &gt; 0.
    /// </summary>
    public bool Logarithmic { get; init; }

    public SvgChart Add(SvgSeries series)
    {
        _series.Add(series);
        return this;
    }

    public SvgChart Limit(SvgMarker marker)
    {
        _limits.Add(marker);
        return this;
    }

    public SvgChart Event(SvgMarker marker)
    {
        _events.Add(marker);
        return this;
    }

    public string Render()
    {
        var svg = new StringBuilder();
        var plotWidth = Width - Left - Right;
        var plotHeight = _height - Top - Bottom;
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot\" width=\"{Width}\" height=\"{_height}\" viewBox=\"0 0 {Width} {_height}\" role=\"img\" aria-label=\"{Encode(_title)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{Encode(_title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"14\" class=\"plot-title\">{Encode(_title)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotWidth}\" height=\"{plotHeight}\" fill=\"#fafafa\" stroke=\"#999\"/>");

        // Axis labels: y range (every decade on a log axis) and the time span.
        if (Logarithmic)
        {
            for (var decade = Math.Pow(10, Math.Ceiling(Math.Log10(_yMin))); decade <= _yMax; decade *= 10)
            {
                var y = Y(decade, plotHeight);
                svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{F(y)}\" y2=\"{F(y)}\" stroke=\"#e4e4e4\"/>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{F(y + 4)}\" text-anchor=\"end\" class=\"axis decade\">{Number(decade)}</text>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{Top + plotHeight + 12}\" text-anchor=\"end\" class=\"axis\">log scale</text>");
        }
        else
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{Top + 10}\" text-anchor=\"end\" class=\"axis\">{Number(_yMax)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{Top + plotHeight}\" text-anchor=\"end\" class=\"axis\">{Number(_yMin)}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{_height - 8}\" class=\"axis\">0 ms</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right}\" y=\"{_height - 8}\" text-anchor=\"end\" class=\"axis\">{Number(_xMax)} ms</text>");

        foreach (var limit in _limits)
        {
            var y = Y(limit.Value, plotHeight);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"{limit.CssClass}\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{F(y)}\" y2=\"{F(y)}\" stroke=\"{limit.Color}\"{Dash(limit)}/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right - 4}\" y=\"{F(y - 3)}\" text-anchor=\"end\" class=\"label\" fill=\"{limit.Color}\">{Encode(limit.Label)}</text>");
        }

        var legendX = Left + 24 + (_title.Length * 8);
        foreach (var series in _series)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"series\" fill=\"none\" stroke=\"{series.Color}\" stroke-width=\"1.5\" points=\"{Points(series, plotWidth, plotHeight)}\"><title>{Encode(series.Name)}</title></polyline>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{legendX}\" y=\"14\" class=\"label\" fill=\"{series.Color}\">{Encode(series.Name)}</text>");
            legendX += 12 + (series.Name.Length * 7);
        }

        // Step labels stack from the top, cut labels from the bottom, so that a cut in the same
        // millisecond as the step that caused it stays readable. A label goes into the first row
        // where it clears the previous label; with no such row only its line (and tooltip) is drawn.
        var rowCount = Math.Max(1, Math.Min(MaxLabelRows, (plotHeight - 8) / LabelRowHeight / 2));
        var rowEnds = new Dictionary<string, double[]>();
        // Unlabelled markers of one kind are one path: the same lines at a fraction of the size.
        var unlabelled = new Dictionary<(string CssClass, string Color, bool Dashed), StringBuilder>();
        foreach (var marker in _events)
        {
            var x = X(marker.Value, plotWidth);
            if (!marker.ShowLabel)
            {
                var key = (marker.CssClass, marker.Color, marker.Dashed);
                if (!unlabelled.TryGetValue(key, out var path))
                {
                    unlabelled[key] = path = new StringBuilder();
                }

                path.Append(CultureInfo.InvariantCulture, $"M{F(x)} {Top}V{Top + plotHeight}");
                continue;
            }

            if (!rowEnds.TryGetValue(marker.CssClass, out var ends))
            {
                rowEnds[marker.CssClass] = ends = Enumerable.Repeat(double.NegativeInfinity, rowCount).ToArray();
            }

            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"{marker.CssClass}\" x1=\"{F(x)}\" x2=\"{F(x)}\" y1=\"{Top}\" y2=\"{Top + plotHeight}\" stroke=\"{marker.Color}\"{Dash(marker)}><title>{Encode(marker.Label)}</title></line>");
            var start = x + 3;
            var row = Array.FindIndex(ends, end => end + LabelGap <= start);
            if (row < 0)
            {
                continue;
            }

            ends[row] = start + LabelWidth(marker.Label);
            var labelY = marker.Dashed ? Top + 11 + (row * LabelRowHeight) : Top + plotHeight - 4 - (row * LabelRowHeight);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(start)}\" y=\"{labelY}\" class=\"label {marker.CssClass}-label\" fill=\"{marker.Color}\">{Encode(marker.Label)}</text>");
        }

        foreach (var ((cssClass, color, dashed), path) in unlabelled)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<path class=\"{cssClass}\" fill=\"none\" stroke=\"{color}\"{(dashed ? " stroke-dasharray=\"4 3\"" : string.Empty)} d=\"{path}\"/>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private string Points(SvgSeries series, int plotWidth, int plotHeight)
    {
        var text = new StringBuilder();
        double? previousY = null;
        var reduced = Reduce(series.Points, plotWidth, series.UpperEnvelope);
        for (var i = 0; i < reduced.Count; i++)
        {
            var x = X(reduced[i].X, plotWidth);
            var y = Y(reduced[i].Y, plotHeight);

            // Within half a pixel of the last point drawn, and so is the next one: it would draw
            // nothing new (the line stays within half a pixel of the true trace).
            var last = i == reduced.Count - 1;
            if (previousY is double drawn && !last && Math.Abs(y - drawn) < 0.5 && Math.Abs(Y(reduced[i + 1].Y, plotHeight) - drawn) < 0.5)
            {
                continue;
            }
            if (series.Step && previousY is double held)
            {
                text.Append(F(x)).Append(',').Append(F(held)).Append(' ');
            }

            text.Append(F(x)).Append(',').Append(F(y)).Append(' ');
            previousY = y;
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>
    /// Keeps, for each pixel column, the first, lowest, highest and last point, in time order; then
    /// drops every point inside a flat run (same value as both neighbours), which draws the same
    /// line. A trace sampled every millisecond becomes a few hundred points at most.
    /// </summary>
    private List<SvgPoint> Reduce(IReadOnlyList<SvgPoint> points, int plotWidth, bool upperEnvelope)
    {
        var kept = new List<SvgPoint>();
        if (upperEnvelope)
        {
            // Four-pixel columns: wide enough to take in a whole period of a heartbeat sawtooth on a long run.
            foreach (var column in points.GroupBy(p => (int)(p.X / _xMax * plotWidth / 4)))
            {
                kept.Add(column.MaxBy(p => p.Y));
            }
        }
        else if (points.Count <= plotWidth * 2)
        {
            kept.AddRange(points);
        }
        else
        {
            foreach (var column in points.GroupBy(p => (int)(p.X / _xMax * plotWidth)))
            {
                var inColumn = column.ToList();
                var chosen = new[] { inColumn[0], inColumn.MinBy(p => p.Y), inColumn.MaxBy(p => p.Y), inColumn[^1] };
                kept.AddRange(chosen.Distinct().OrderBy(p => p.X));
            }
        }

        var flat = new List<SvgPoint>(kept.Count);
        for (var i = 0; i < kept.Count; i++)
        {
            var inside = i > 0 && i < kept.Count - 1 && kept[i - 1].Y == kept[i].Y && kept[i + 1].Y == kept[i].Y;
            if (!inside)
            {
                flat.Add(kept[i]);
            }
        }

        return flat;
    }

    /// <summary>Width of a label at the 10 px label font: at most 6 px per character (a generous estimate, so estimated boxes never touch).</summary>
    internal static double LabelWidth(string label) => label.Length * LabelCharacterWidth;

    private double X(double value, int plotWidth) => Left + (Math.Clamp(value, 0, _xMax) / _xMax * plotWidth);

    private double Y(double value, int plotHeight) => Logarithmic
        ? Top + plotHeight - ((Math.Log10(Math.Clamp(value, _yMin, _yMax)) - Math.Log10(_yMin)) / (Math.Log10(_yMax) - Math.Log10(_yMin)) * plotHeight)
        : Top + plotHeight - ((Math.Clamp(value, _yMin, _yMax) - _yMin) / (_yMax - _yMin) * plotHeight);

    private static string Dash(SvgMarker marker) => marker.Dashed ? " stroke-dasharray=\"4 3\"" : string.Empty;

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
