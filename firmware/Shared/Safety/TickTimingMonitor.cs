namespace ChamberFirmware.Core.Safety
{
    /// <summary>
    /// The supervisor's own period. A tick more than SafetyTiming.OverrunMicroseconds after the
    /// previous one, or a clock that went backwards, is an overrun: the loop was starved or hung,
    /// and the keep-alive must not toggle on that tick. A clear needs
    /// SafetyTiming.RearmOnTimeTicks on-time ticks since the last overrun.
    /// </summary>
    public sealed class TickTimingMonitor
    {
        private bool _hasTicked;
        private long _lastTick;
        private bool _overrunThisTick;
        private int _ticksSinceOverrun = SafetyTiming.RearmOnTimeTicks;

        /// <summary>Records this tick's time; returns SupervisorOverrun when it came too late (or the clock went back).</summary>
        public CutReasons Tick(long now)
        {
            _overrunThisTick = _hasTicked && (now - _lastTick > SafetyTiming.OverrunMicroseconds || now < _lastTick);
            _ticksSinceOverrun = _overrunThisTick ? 0 : (_ticksSinceOverrun < int.MaxValue ? _ticksSinceOverrun + 1 : _ticksSinceOverrun);
            _hasTicked = true;
            _lastTick = now;
            return _overrunThisTick ? CutReasons.SupervisorOverrun : CutReasons.None;
        }

        /// <summary>SupervisorOverrun while the latest tick was an overrun.</summary>
        public CutReasons Conditions()
        {
            return _overrunThisTick ? CutReasons.SupervisorOverrun : CutReasons.None;
        }

        /// <summary>SupervisorOverrun until enough on-time ticks have passed since the last overrun.</summary>
        public CutReasons ClearBlockers()
        {
            return _ticksSinceOverrun < SafetyTiming.RearmOnTimeTicks ? CutReasons.SupervisorOverrun : CutReasons.None;
        }
    }
}
