namespace ChamberCtl.Hil;

/// <summary>Receives every sample a target takes while time advances (at least one per millisecond of target time is expected, in time order).</summary>
internal interface IHilTraceSink
{
    void Record(HilObservation sample);
}
