namespace ChamberFirmware.Core.Safety
{
    /// <summary>
    /// The emitter lines against what was commanded: the read-back senses the real drive, so a bit
    /// that matches neither of the last two commanded masks (one tick of settling after every
    /// change) is a line driven without a command, or not driven with one. Also carries the
    /// interlock's power sense for the self-test and the latch.
    /// </summary>
    public sealed class EmitterMonitor
    {
        private int _applied1;
        private int _applied2;
        private int _readback;
        private bool _interlockPowered;

        /// <summary>Latest read-back mask.</summary>
        public int Readback => _readback;

        /// <summary>Latest interlock power sense (bank powered).</summary>
        public bool InterlockPowered => _interlockPowered;

        /// <summary>The mask commanded at the previous tick (what the lines should show now).</summary>
        public int LastApplied => _applied1;

        /// <summary>True when nothing is commanded or sensed on: the only start from which the cut path can be proven.</summary>
        public bool IsQuiet => _readback == 0 && _applied1 == 0;

        /// <summary>Once per tick, before the decision: this tick's read-back and power sense; returns <see cref="Conditions"/>.</summary>
        public CutReasons Observe(int readbackMask, bool interlockPowered)
        {
            _readback = readbackMask;
            _interlockPowered = interlockPowered;
            int wrongBits = (readbackMask ^ _applied1) & (readbackMask ^ _applied2);
            return wrongBits != 0 ? CutReasons.EmitterMismatch : CutReasons.None;
        }

        /// <summary>Once per tick, after the decision: the mask the outputs will carry.</summary>
        public void Applied(int mask)
        {
            _applied2 = _applied1;
            _applied1 = mask;
        }

        /// <summary>EmitterMismatch when a read-back bit matches neither of the last two commands.</summary>
        public CutReasons Conditions()
        {
            int wrongBits = (_readback ^ _applied1) & (_readback ^ _applied2);
            return wrongBits != 0 ? CutReasons.EmitterMismatch : CutReasons.None;
        }

        /// <summary>
        /// EmitterMismatch while any line reads on; SelfTestFailed while the bank is powered
        /// (latched means the keep-alive stopped: a powered bank proves the cut path broken).
        /// </summary>
        public CutReasons ClearBlockers()
        {
            CutReasons blockers = _readback != 0 ? CutReasons.EmitterMismatch : CutReasons.None;
            if (_interlockPowered)
            {
                blockers |= CutReasons.SelfTestFailed;
            }

            return blockers;
        }
    }
}
