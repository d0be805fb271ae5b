using System.Collections.Generic;
using ChamberFirmware.Core.Safety;

namespace ChamberCtl.Hil;

/// <summary>Every sample of one scenario run, in time order, and the cut markers derived from them.</summary>
internal sealed class HilTrace : IHilTraceSink
{
    private readonly List<HilObservation> _samples = [];

    public IReadOnlyList<HilObservation> Samples => _samples;

    public HilObservation? Last => _samples.Count == 0 ? null : _samples[^1];

    public void Record(HilObservation sample) => _samples.Add(sample);

    /// <summary>Each moment a cut latched (or added reasons to a latched cut), with the reasons that appeared.</summary>
    public IReadOnlyList<HilCutMarker> CutMarkers()
    {
        var markers = new List<HilCutMarker>();
        var previous = CutReasons.None;
        foreach (var sample in _samples)
        {
            var added = sample.LatchedReasons & ~previous;
            if (added != CutReasons.None)
            {
                markers.Add(new HilCutMarker(sample.TimeMicroseconds, added));
            }

            previous = sample.LatchedReasons;
        }

        return markers;
    }
}
