namespace ChamberFirmware.Core.Safety
{
    /// <summary>
    /// What the supervisor saw at the moment of a cut, for the event log. Copied into a
    /// caller-owned instance (SafetySupervisor.CopyLastCut) so nothing is allocated.
    /// </summary>
    public sealed class CutSnapshot
    {
        /// <summary>Monotonically increasing; 0 means no cut since boot.</summary>
        public int Sequence;

        public long TimeMicroseconds;

        public CutReasons Reasons;

        public int Count;

        public int GrowthPermillePerSecond;

        /// <summary>Milliseconds since the last valid heartbeat (int.MaxValue if none).</summary>
        public int LinkAgeMilliseconds;

        public int TemperatureCentiCelsius;

        /// <summary>Emitter channels that were on (applied) in the tick before the cut.</summary>
        public int EmitterMask;

        public int EmitterReadbackMask;

        public void CopyTo(CutSnapshot target)
        {
            target.Sequence = Sequence;
            target.TimeMicroseconds = TimeMicroseconds;
            target.Reasons = Reasons;
            target.Count = Count;
            target.GrowthPermillePerSecond = GrowthPermillePerSecond;
            target.LinkAgeMilliseconds = LinkAgeMilliseconds;
            target.TemperatureCentiCelsius = TemperatureCentiCelsius;
            target.EmitterMask = EmitterMask;
            target.EmitterReadbackMask = EmitterReadbackMask;
        }
    }
}
