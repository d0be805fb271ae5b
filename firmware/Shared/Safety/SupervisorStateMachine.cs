using ChamberFirmware.Core.Config;

namespace ChamberFirmware.Core.Safety
{
    /// <summary>
    /// The supervisor's decisions, single-threaded (SafetySupervisor holds the one lock around
    /// every call): the modes Idle → SelfTest → Ready, SafeStop on any cut, back to Idle on a disarm
    /// or an accepted clear; the monitors it composes; and the one cut path. The order per tick is
    /// fixed (docs/safety.md, "Monitors"): tick timing, counter, temperature, emitter read-back,
    /// link; every monitor's conditions and the watchdog channels feed one decision; the lease
    /// table gives the mask; the outputs follow. Allocation-free after construction.
    /// </summary>
    public sealed class SupervisorStateMachine
    {
        private readonly SupervisorOutputs _outputs = new SupervisorOutputs();
        private readonly TickTimingMonitor _timing = new TickTimingMonitor();
        private readonly CounterMonitor _counter = new CounterMonitor();
        private readonly TemperatureMonitor _temperature = new TemperatureMonitor();
        private readonly EmitterMonitor _emitters = new EmitterMonitor();
        private readonly LinkMonitor _link = new LinkMonitor();
        private readonly WatchdogChannels _watchdog = new WatchdogChannels();
        private readonly LeaseTable _leases = new LeaseTable();
        private readonly SelfTestSequencer _selfTest = new SelfTestSequencer();
        private readonly SafetyLatch _latch = new SafetyLatch();

        private SupervisorMode _mode = SupervisorMode.Idle;
        private CutReasons _present = CutReasons.None;

        // Limits of the armed profile (hard ceilings while idle), and the re-arm share of the count limit.
        private int _countLimit = HardLimits.CountCeiling;
        private int _growthLimit = HardLimits.MaxGrowthLimitPermillePerSecond;
        private int _maxActiveChannels = HardLimits.EmitterChannels;
        private int _rearmCountPermille;

        public SupervisorMode Mode => _mode;

        public SelfTestPhase SelfTestPhase => _selfTest.Phase;

        /// <summary>Conditions seen in the latest tick (also while idle, where they do not latch).</summary>
        public CutReasons PresentReasons => _present;

        public SafetyLatch Latch => _latch;

        public CounterMonitor Counter => _counter;

        public TemperatureMonitor Temperature => _temperature;

        public LinkMonitor Link => _link;

        public WatchdogChannels Watchdog => _watchdog;

        /// <summary>The outputs of the latest tick (reused).</summary>
        public SupervisorOutputs Outputs => _outputs;

        /// <summary>Settings in force (validated by the caller).</summary>
        public void ApplySettings(ChamberSettings settings)
        {
            _link.ApplySettings(settings.LinkTimeoutMilliseconds, settings.RearmHeartbeats);
            _temperature.ApplySettings(settings.TemperatureOffsetCentiCelsius, settings.OverTemperatureCentiCelsius);
            _counter.ApplySettings(settings.CounterGainPermille);
            _rearmCountPermille = settings.RearmCountPermille;
        }

        /// <summary>Idle → SelfTest when nothing blocks under the profile's limits (clamped to the hard ones); returns what blocks.</summary>
        public CutReasons BeginArm(int countLimit, int growthLimitPermillePerSecond, int maxActiveChannels, long now)
        {
            if (_mode == SupervisorMode.SafeStop)
            {
                return _latch.Latched;
            }

            if (_mode != SupervisorMode.Idle)
            {
                return CutReasons.SelfTestFailed;
            }

            int limit = countLimit > 0 && countLimit <= HardLimits.CountCeiling ? countLimit : HardLimits.CountCeiling;
            int growth = growthLimitPermillePerSecond >= HardLimits.MinGrowthLimitPermillePerSecond
                && growthLimitPermillePerSecond <= HardLimits.MaxGrowthLimitPermillePerSecond
                ? growthLimitPermillePerSecond
                : HardLimits.MinGrowthLimitPermillePerSecond;
            int channels = maxActiveChannels >= 0 && maxActiveChannels <= HardLimits.EmitterChannels ? maxActiveChannels : 0;

            CutReasons blocking = Conditions(now, limit, growth, true, _timing.Conditions(), _emitters.Conditions());
            if (!_emitters.IsQuiet)
            {
                // The cut path cannot be proven from this starting point.
                blocking |= CutReasons.SelfTestFailed;
            }

            if (blocking != CutReasons.None)
            {
                return blocking;
            }

            _countLimit = limit;
            _growthLimit = growth;
            _maxActiveChannels = channels;
            _mode = SupervisorMode.SelfTest;
            _selfTest.Begin(now);
            return CutReasons.None;
        }

        /// <summary>Any mode but SafeStop → Idle.</summary>
        public bool Disarm()
        {
            if (_mode == SupervisorMode.SafeStop)
            {
                return false;
            }

            EnterIdle();
            return true;
        }

        /// <summary>A lease for <paramref name="mask"/> (checked against the bank by the caller): only while Ready, within MaxActiveChannels.</summary>
        public bool RequestEmitters(int mask, int leaseMilliseconds, long now)
        {
            if (_mode != SupervisorMode.Ready || LeaseTable.BitCount(mask) > _maxActiveChannels)
            {
                return false;
            }

            _leases.Grant(mask, leaseMilliseconds, now);
            return true;
        }

        /// <summary>SafeStop → Idle when nothing blocks (every condition clear with hysteresis); else false with the blockers.</summary>
        public bool TryClear(long now, out CutReasons stillPresent)
        {
            stillPresent = CutReasons.None;
            if (_mode != SupervisorMode.SafeStop)
            {
                return false;
            }

            long rearmCount = (long)_countLimit * _rearmCountPermille / 1000;
            stillPresent = _counter.ClearBlockers(now, rearmCount, _growthLimit)
                | _temperature.ClearBlockers(now)
                | _link.ClearBlockers(now)
                | _emitters.ClearBlockers()
                | _timing.ClearBlockers()
                | _watchdog.Conditions(now);
            if (stillPresent != CutReasons.None)
            {
                return false;
            }

            _latch.Release();
            EnterIdle();
            return true;
        }

        /// <summary>The sensor loop's watchdog check-in and its tick in one call (the runtime's supervisor step).</summary>
        public SupervisorOutputs SensorLoopTick(SupervisorInputs inputs, long now)
        {
            _watchdog.CheckIn(WatchdogChannel.SensorLoop, now);
            return Tick(inputs, now);
        }

        /// <summary>One supervisor period (the order is in the class summary). The returned object is reused.</summary>
        public SupervisorOutputs Tick(SupervisorInputs inputs, long now)
        {
            CutReasons overrun = _timing.Tick(now);
            _counter.Ingest(inputs);
            _temperature.Ingest(inputs);
            CutReasons mismatch = _emitters.Observe(inputs.EmitterReadbackMask, inputs.InterlockPowered);
            _link.Tick(now);

            bool armed = _mode == SupervisorMode.SelfTest || _mode == SupervisorMode.Ready;
            CutReasons present = Conditions(now, _countLimit, _growthLimit, armed, overrun, mismatch);
            _present = present;
            if (armed)
            {
                if (present != CutReasons.None)
                {
                    Cut(present, now);
                }
                else if (_mode == SupervisorMode.SelfTest)
                {
                    AdvanceSelfTest(inputs, now);
                }
            }
            else if (_mode == SupervisorMode.Idle && mismatch != CutReasons.None)
            {
                // The one condition that energises an emitter without a command (a line stuck on):
                // it latches even while idle, so the keep-alive stops and the bank drops.
                Cut(CutReasons.EmitterMismatch, now);
            }
            else if (_mode == SupervisorMode.SafeStop)
            {
                // While latched the interlock must drop within the hold time: if it stays up, the
                // keep-alive path is stuck (single fault) and the clear is refused.
                if (inputs.InterlockPowered && now - _latch.LatchedAt > SafetyTiming.SelfTestDropBudgetMicroseconds)
                {
                    present |= CutReasons.SelfTestFailed;
                }

                _latch.Add(present);
            }

            int mask = _mode == SupervisorMode.Ready ? _leases.ActiveMask(now) : 0;

            // The bank is powered only while a session needs it: from the self-test's recover phase
            // through Ready. Idle, Completed and SafeStop keep it unpowered, so a driver that shorts
            // on between sessions emits nothing; the next self-test powers the bank with every
            // enable off and sees the short on the read-back before any emitter is requested. Never
            // on a tick that overran or found a loop silent, whatever the mode.
            _outputs.ToggleKeepAlive = (_mode == SupervisorMode.Ready
                    || (_mode == SupervisorMode.SelfTest && _selfTest.Phase != SelfTestPhase.InterlockDrop))
                && (_present & (CutReasons.SupervisorOverrun | CutReasons.WatchdogChannel)) == CutReasons.None;
            _outputs.EmitterMaskChanged = mask != _outputs.EmitterMask;
            _outputs.EmitterMask = mask;
            _outputs.Alarm = _mode == SupervisorMode.SafeStop;
            _outputs.Mode = _mode;
            _outputs.PresentReasons = _present;
            _emitters.Applied(mask);
            return _outputs;
        }

        /// <summary>Every monitor's cut conditions now, against the given limits (armed: arming or armed).</summary>
        private CutReasons Conditions(long now, int countLimit, int growthLimit, bool armed, CutReasons overrun, CutReasons mismatch)
        {
            return overrun
                | mismatch
                | _counter.Conditions(now, countLimit, growthLimit, armed)
                | _temperature.Conditions(now)
                | _link.Conditions(now)
                | _watchdog.Conditions(now);
        }

        private void AdvanceSelfTest(SupervisorInputs inputs, long now)
        {
            CutReasons failed = _selfTest.Advance(now, inputs.InterlockPowered, inputs.EmitterReadbackMask, _emitters.LastApplied);
            if (failed != CutReasons.None)
            {
                Cut(failed, now);
            }
            else if (_selfTest.Phase == SelfTestPhase.None)
            {
                _mode = SupervisorMode.Ready;
            }
        }

        /// <summary>The one way into SafeStop: leases and self-test end, the reasons latch with a snapshot.</summary>
        private void Cut(CutReasons reasons, long now)
        {
            _mode = SupervisorMode.SafeStop;
            _selfTest.Stop();
            _leases.Clear();
            _outputs.CutSequence = _latch.Latch(reasons, now, _counter.Count, _counter.GrowthPermillePerSecond, _link.AgeMilliseconds,
                _temperature.Temperature, _emitters.LastApplied, _emitters.Readback);
        }

        private void EnterIdle()
        {
            _mode = SupervisorMode.Idle;
            _selfTest.Stop();
            _countLimit = HardLimits.CountCeiling;
            _growthLimit = HardLimits.MaxGrowthLimitPermillePerSecond;
            _maxActiveChannels = HardLimits.EmitterChannels;
            _leases.Clear();
        }
    }
}
