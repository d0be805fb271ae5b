using ChamberFirmware.Core.Runtime;
using ChamberFirmware.Hal.Clock;
using ChamberFirmware.Hal.Simulated;

namespace ChamberFirmware.Starvation
{
    /// <summary>
    /// The supervisor loop's period in the run: notes when the tick started (the interval between
    /// two starts is what SafetySupervisor's overrun check measures), what ran before it and the
    /// supervisor's mode; moves the simulated board to now (the board's own simulation, not firmware
    /// work: not stretched); then the real step: its firmware code stretched to its ESP32 time, its
    /// board calls held for their native ESP32 time (<see cref="BoardMeter"/>).
    /// </summary>
    public sealed class SupervisorTicks : IPeriodicWork
    {
        private readonly ChamberRuntime _runtime;
        private readonly IPeriodicWork _step;
        private readonly SimulatedChamber _chamber;
        private readonly ManualClock _boardClock;
        private readonly IMonotonicClock _clock;
        private readonly EspTimeScale _scale;
        private readonly long _capMicroseconds;
        private readonly long[] _startedAt;
        private readonly byte[] _mode;
        private readonly byte[] _before;
        private readonly long[] _linkChunk;
        private readonly long[] _host;
        private readonly StallDetector _stalls;
        private readonly BoardMeter _meter;
        private long _nativeTotal;
        private long _origin;
        private int _count;
        private int _capped;
        private long _stepTotal;

        public SupervisorTicks(ChamberRuntime runtime, SimulatedChamber chamber, ManualClock boardClock, BoardMeter meter, RealTimeClock clock, EspTimeScale scale, long capMicroseconds, int capacity)
        {
            _meter = meter;
            _stalls = clock.Stalls;
            _host = new long[capacity];
            _runtime = runtime;
            _step = new SupervisorWork(runtime);
            _chamber = chamber;
            _boardClock = boardClock;
            _clock = clock;
            _scale = scale;
            _capMicroseconds = capMicroseconds;
            _startedAt = new long[capacity];
            _mode = new byte[capacity];
            _before = new byte[capacity];
            _linkChunk = new long[capacity];
        }

        public int Count => _count;

        public int Capped => _capped;

        /// <summary>Mean x86 time of the step's firmware code in the run (the simulated board's time taken out).</summary>
        public long MeanStepMicroseconds => _count == 0 ? 0 : _stepTotal / _count;

        /// <summary>Mean ESP32 native time of the step's board calls.</summary>
        public long MeanNativeMicroseconds => _count == 0 ? 0 : _nativeTotal / _count;

        public long StartedAt(int tick) => _startedAt[tick];

        public int Mode(int tick) => _mode[tick];

        public int Before(int tick) => _before[tick];

        public long LinkChunk(int tick) => _linkChunk[tick];

        /// <summary>Host time (StallDetector) up to the start of the tick.</summary>
        public long Host(int tick) => _host[tick];

        /// <summary>Tick times are counted from here.</summary>
        public void SetOrigin(long origin)
        {
            _origin = origin;
        }

        public void RunPeriod()
        {
            if (_count == 0)
            {
                _stalls.SetSupervisor(System.Threading.Thread.CurrentThread);
            }

            long now = _clock.NowMicroseconds;
            if (_count < _startedAt.Length)
            {
                _host[_count] = _stalls.HostMicroseconds;
                _startedAt[_count] = now - _origin;
                _mode[_count] = (byte)_runtime.Supervisor.Mode;
                _before[_count] = (byte)Activity.Current;
                _linkChunk[_count] = Activity.LastLinkChunk;
                _count++;
            }

            Activity.Current = Activity.Supervisor;
            long lag = now - _boardClock.NowMicroseconds;
            if (lag > 0)
            {
                _chamber.Advance(lag);
            }

            long simulated = _meter.SimulatedMicroseconds;
            long native = _meter.NativeMicroseconds;
            long calls = _meter.Calls;
            long gaps = _stalls.GapMicroseconds;
            long waited = _meter.WaitedMicroseconds;
            long start = _clock.NowMicroseconds;
            _step.RunPeriod();
            long wall = _clock.NowMicroseconds - start - (_stalls.GapMicroseconds - gaps) - (_meter.WaitedMicroseconds - waited);
            simulated = _meter.SimulatedMicroseconds - simulated;
            native = _meter.NativeMicroseconds - native;

            // Firmware code is stretched; the simulated board's time (and the meter's own) gives way
            // to the board's native time.
            long firmware = wall - simulated - _meter.OverheadMicroseconds(_meter.Calls - calls);
            if (firmware > _capMicroseconds)
            {
                _capped++;
            }

            _scale.Stretch(firmware, _capMicroseconds);
            if (native > simulated)
            {
                _scale.Spend(native - simulated);
            }

            _stepTotal += firmware;
            _nativeTotal += native;
        }
    }
}
