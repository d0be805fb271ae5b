namespace ChamberFirmware.Core.Safety
{
    /// <summary>
    /// What a cut latched (Klipper's shutdown with reason codes): the reasons held until an
    /// accepted clear, when the latch began, and a record of each cut. One way in,
    /// <see cref="Latch"/>; while latched, new reasons only add up; only <see cref="Release"/>
    /// empties it. The supervisor's state machine enters SafeStop exactly when it latches.
    /// </summary>
    public sealed class SafetyLatch
    {
        private readonly CutSnapshot _lastCut = new CutSnapshot();
        private CutReasons _latched = CutReasons.None;
        private CutReasons _lastCutReasons = CutReasons.None;
        private long _latchedAt;
        private int _cutSequence;

        /// <summary>Reasons latched by the current SafeStop (None when not latched).</summary>
        public CutReasons Latched => _latched;

        /// <summary>Reasons latched at the latest cut, kept after a release (for reports).</summary>
        public CutReasons LastCutReasons => _lastCutReasons;

        /// <summary>When the current SafeStop began.</summary>
        public long LatchedAt => _latchedAt;

        /// <summary>The snapshot of the latest cut (Sequence 0: none yet).</summary>
        public CutSnapshot LastCut => _lastCut;

        /// <summary>Latches <paramref name="reasons"/> and records the moment; returns the cut's sequence number.</summary>
        public int Latch(CutReasons reasons, long now, int count, int growthPermillePerSecond, int linkAgeMilliseconds, int temperatureCentiCelsius, int maskBefore, int readback)
        {
            _latched |= reasons;
            _lastCutReasons = _latched;
            _latchedAt = now;

            _cutSequence++;
            _lastCut.Sequence = _cutSequence;
            _lastCut.TimeMicroseconds = now;
            _lastCut.Reasons = reasons;
            _lastCut.Count = count;
            _lastCut.GrowthPermillePerSecond = growthPermillePerSecond;
            _lastCut.LinkAgeMilliseconds = linkAgeMilliseconds;
            _lastCut.TemperatureCentiCelsius = temperatureCentiCelsius;
            _lastCut.EmitterMask = maskBefore;
            _lastCut.EmitterReadbackMask = readback;
            return _cutSequence;
        }

        /// <summary>While latched: conditions seen later add to the latched reasons (no new cut).</summary>
        public void Add(CutReasons reasons)
        {
            _latched |= reasons;
        }

        /// <summary>The clear was accepted: nothing latched any more.</summary>
        public void Release()
        {
            _latched = CutReasons.None;
        }
    }
}
