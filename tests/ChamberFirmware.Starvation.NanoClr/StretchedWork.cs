using ChamberFirmware.Core.Runtime;

namespace ChamberFirmware.Starvation
{
    /// <summary>A loop's period stretched to its ESP32 time (the control loop's; the supervisor's is <see cref="SupervisorTicks"/>).</summary>
    public sealed class StretchedWork : IPeriodicWork
    {
        private readonly IPeriodicWork _inner;
        private readonly RealTimeClock _clock;
        private readonly EspTimeScale _scale;
        private readonly long _capMicroseconds;
        private readonly int _activity;
        private readonly CheckInGaps _checkIns;

        /// <param name="checkIns">Noted at the start of every period (the loop's step checks in its watchdog channel).</param>
        public StretchedWork(IPeriodicWork inner, RealTimeClock clock, EspTimeScale scale, long capMicroseconds, int activity, CheckInGaps checkIns)
        {
            _checkIns = checkIns;
            _inner = inner;
            _clock = clock;
            _scale = scale;
            _capMicroseconds = capMicroseconds;
            _activity = activity;
        }

        public void RunPeriod()
        {
            Activity.Current = _activity;
            _checkIns.Note();
            long gaps = _clock.Stalls.GapMicroseconds;
            long start = _clock.NowMicroseconds;
            _inner.RunPeriod();
            _scale.Stretch(_clock.NowMicroseconds - start - (_clock.Stalls.GapMicroseconds - gaps), _capMicroseconds);
        }
    }
}
