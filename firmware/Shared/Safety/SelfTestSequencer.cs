namespace ChamberFirmware.Core.Safety
{
    /// <summary>
    /// The cut-path self-test run before every arm, one phase per step, each within its budget:
    /// InterlockDrop — the keep-alive has been stopped since Idle, so the bank must be (or go)
    /// unpowered; InterlockRecover — with the keep-alive toggling, the bank must come up;
    /// EmittersOff — one tick after the bank came up, with every enable off, every read-back must
    /// be off (a shorted driver shows only now that the bank is powered).
    /// </summary>
    public sealed class SelfTestSequencer
    {
        private SelfTestPhase _phase = SelfTestPhase.None;
        private long _phaseStart;

        /// <summary>The running phase (None when no self-test runs).</summary>
        public SelfTestPhase Phase => _phase;

        public void Begin(long now)
        {
            _phase = SelfTestPhase.InterlockDrop;
            _phaseStart = now;
        }

        /// <summary>Stops a running self-test (a cut, a disarm).</summary>
        public void Stop()
        {
            _phase = SelfTestPhase.None;
        }

        /// <summary>
        /// One step of the running phase. Returns the reasons the self-test failed with (None: still
        /// running, or passed when <see cref="Phase"/> is back at None). <paramref name="appliedBefore"/> is the
        /// mask commanded at the previous tick, which must be empty throughout.
        /// </summary>
        public CutReasons Advance(long now, bool interlockPowered, int readback, int appliedBefore)
        {
            long elapsed = now - _phaseStart;
            switch (_phase)
            {
                case SelfTestPhase.InterlockDrop:
                    if (!interlockPowered)
                    {
                        Enter(SelfTestPhase.InterlockRecover, now);
                        return CutReasons.None;
                    }

                    return elapsed > SafetyTiming.SelfTestDropBudgetMicroseconds ? CutReasons.SelfTestFailed : CutReasons.None;
                case SelfTestPhase.InterlockRecover:
                    if (interlockPowered)
                    {
                        Enter(SelfTestPhase.EmittersOff, now);
                        return CutReasons.None;
                    }

                    return elapsed > SafetyTiming.SelfTestRecoverBudgetMicroseconds ? CutReasons.SelfTestFailed : CutReasons.None;
                case SelfTestPhase.EmittersOff:
                    if (!interlockPowered || readback != 0 || appliedBefore != 0)
                    {
                        return readback != 0 ? CutReasons.EmitterMismatch | CutReasons.SelfTestFailed : CutReasons.SelfTestFailed;
                    }

                    _phase = SelfTestPhase.None;
                    return CutReasons.None;
                default:
                    return CutReasons.SelfTestFailed;
            }
        }

        private void Enter(SelfTestPhase phase, long now)
        {
            _phase = phase;
            _phaseStart = now;
        }
    }
}
