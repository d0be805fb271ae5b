using System;
using System.Threading;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Hal.Sensors;

namespace ChamberFirmware.Core.Safety
{
    /// <summary>
    /// The independent safety supervisor: every emitter command passes through it and it alone
    /// decides whether the interlock keep-alive is fed. A deterministic state machine that touches
    /// no hardware: the runtime fills SupervisorInputs, calls Tick every
    /// HardLimits.SupervisorPeriodMilliseconds and applies SupervisorOutputs. Tick allocates nothing.
    /// Thread-safe: the link, control and sensor loops call in from their own threads.
    /// Rules and budgets: docs/safety.md.
    /// </summary>
    public sealed class SafetySupervisor
    {
        private const int ChannelCount = 3;
        private const int BankMask = (1 << HardLimits.EmitterChannels) - 1;

        private readonly object _sync = new object();
        private readonly SupervisorOutputs _outputs = new SupervisorOutputs();
        private readonly GrowthRateEstimator _growth = new GrowthRateEstimator();
        private readonly CutSnapshot _lastCut = new CutSnapshot();
        private readonly long[] _leaseExpiry = new long[HardLimits.EmitterChannels];
        private readonly long[] _watchdogLast = new long[ChannelCount];
        private readonly long[] _watchdogTimeout = new long[ChannelCount];
        private readonly bool[] _watchdogSeen = new bool[ChannelCount];

        // Settings in force (copied, never referenced).
        private long _linkTimeout;
        private int _overTemperature;
        private int _rearmCountPermille;
        private int _rearmHeartbeats;
        private int _counterGainPermille;
        private int _temperatureOffset;

        // Limits of the armed profile (hard ceilings while idle).
        private int _countLimit = HardLimits.CountCeiling;
        private int _growthLimit = HardLimits.MaxGrowthLimitPermillePerSecond;
        private int _maxActiveChannels = HardLimits.EmitterChannels;

        private SupervisorMode _mode = SupervisorMode.Idle;
        private SelfTestPhase _selfTestPhase = SelfTestPhase.None;
        private long _selfTestPhaseStart;
        private CutReasons _latched = CutReasons.None;
        private CutReasons _lastCutReasons = CutReasons.None;
        private CutReasons _present = CutReasons.None;
        private long _latchedAt;
        private int _cutSequence;

        // Tick timing.
        private bool _hasTicked;
        private long _lastTick;
        private bool _overrunThisTick;
        private int _ticksSinceOverrun = SafetyTiming.RearmOnTimeTicks;

        // Counter sensor.
        private long _lastCounterRead;
        private bool _counterSeen;
        private long _lastCounterAccepted;
        private bool _counterAcceptedOnce;
        private bool _counterFaulted;
        private bool _hasSequence;
        private int _lastSequence;
        private int _frozenRun;
        private int _count;
        private bool _hasPreviousSample;
        private int _previousSample;
        private int _goodCounterRun;
        private int _sameCountValue;
        private int _sameCountRun;

        // Temperature sensor.
        private long _lastTemperatureRead;
        private bool _temperatureSeen;
        private long _lastTemperatureAccepted;
        private bool _temperatureAcceptedOnce;
        private bool _temperatureFaulted;
        private int _temperature;
        private bool _hasTemperatureRaw;
        private int _lastTemperatureRaw;
        private long _temperatureChangedAt;
        // Link.
        private bool _heartbeatSeen;
        private bool _linkDown;
        private long _lastHeartbeat;
        private int _consecutiveHeartbeats;
        private int _linkAgeMilliseconds = int.MaxValue;

        // Emitters: masks applied one and two ticks ago (read-back settling), latest read-back.
        private int _applied1;
        private int _applied2;
        private int _readback;
        private bool _interlockPowered;

        public SafetySupervisor()
            : this(new ChamberSettings())
        {
        }

        public SafetySupervisor(ChamberSettings settings)
        {
            if (!SafetySettingsValidator.Validate(settings, out SettingsField _))
            {
                throw new ArgumentException("settings out of hard bounds", "settings");
            }

            CopySettings(settings);
            _watchdogTimeout[(int)WatchdogChannel.ControlLoop] = SafetyTiming.ControlLoopTimeoutMilliseconds * 1000L;
            _watchdogTimeout[(int)WatchdogChannel.SensorLoop] = SafetyTiming.SensorLoopTimeoutMilliseconds * 1000L;
            _watchdogTimeout[(int)WatchdogChannel.LinkLoop] = SafetyTiming.LinkLoopTimeoutMilliseconds * 1000L;
        }

        public SupervisorMode Mode
        {
            get
            {
                Monitor.Enter(_sync);
                try
                {
                    return _mode;
                }
                finally
                {
                    Monitor.Exit(_sync);
                }
            }
        }

        public SelfTestPhase SelfTestPhase
        {
            get
            {
                Monitor.Enter(_sync);
                try
                {
                    return _selfTestPhase;
                }
                finally
                {
                    Monitor.Exit(_sync);
                }
            }
        }

        /// <summary>Reasons latched by the current SafeStop (None when not latched).</summary>
        public CutReasons LatchedReasons
        {
            get
            {
                Monitor.Enter(_sync);
                try
                {
                    return _latched;
                }
                finally
                {
                    Monitor.Exit(_sync);
                }
            }
        }

        /// <summary>Conditions seen in the latest tick (also while idle, where they do not latch).</summary>
        public CutReasons PresentReasons
        {
            get
            {
                Monitor.Enter(_sync);
                try
                {
                    return _present;
                }
                finally
                {
                    Monitor.Exit(_sync);
                }
            }
        }

        /// <summary>Number of cuts since boot; the sequence number of the latest snapshot.</summary>
        public int CutSequence
        {
            get
            {
                Monitor.Enter(_sync);
                try
                {
                    return _cutSequence;
                }
                finally
                {
                    Monitor.Exit(_sync);
                }
            }
        }

        /// <summary>Latest accepted (calibrated) count.</summary>
        public int Count
        {
            get
            {
                Monitor.Enter(_sync);
                try
                {
                    return _count;
                }
                finally
                {
                    Monitor.Exit(_sync);
                }
            }
        }

        public int GrowthPermillePerSecond
        {
            get
            {
                Monitor.Enter(_sync);
                try
                {
                    return _growth.PermillePerSecond;
                }
                finally
                {
                    Monitor.Exit(_sync);
                }
            }
        }

        /// <summary>Link timeout in force, microseconds.</summary>
        public long LinkTimeoutMicroseconds
        {
            get
            {
                Monitor.Enter(_sync);
                try
                {
                    return _linkTimeout;
                }
                finally
                {
                    Monitor.Exit(_sync);
                }
            }
        }

        /// <summary>
        /// Fills the safety part of a status snapshot: state fields are the controller's.
        /// </summary>
        public void FillStatus(Control.ChamberStatus status)
        {
            Monitor.Enter(_sync);
            try
            {
                status.LatchedReasons = _latched;
                status.LastCutReasons = _lastCutReasons;
                status.Count = _count;
                status.GrowthPermillePerSecond = _growth.PermillePerSecond;
                status.ActiveEmitterMask = _outputs.EmitterMask;
                status.LinkAgeMilliseconds = _linkAgeMilliseconds;
                status.TemperatureCentiCelsius = _temperature;
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }

        /// <summary>Copies the snapshot of the latest cut (Sequence 0: none yet).</summary>
        public void CopyLastCut(CutSnapshot target)
        {
            Monitor.Enter(_sync);
            try
            {
                _lastCut.CopyTo(target);
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }

        /// <summary>
        /// Replaces the settings in force. Refused (InvalidState semantics: false, field None) unless
        /// Idle, so limits never move under an armed session.
        /// </summary>
        public bool TryApplySettings(ChamberSettings settings, out SettingsField rejectedField)
        {
            if (!SafetySettingsValidator.Validate(settings, out rejectedField))
            {
                return false;
            }

            Monitor.Enter(_sync);
            try
            {
                if (_mode != SupervisorMode.Idle)
                {
                    rejectedField = SettingsField.None;
                    return false;
                }

                CopySettings(settings);
                return true;
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }

        /// <summary>A valid authenticated heartbeat from the bound console (the link layer filters).</summary>
        public void OnHeartbeat(long nowMicroseconds)
        {
            Monitor.Enter(_sync);
            try
            {
                bool continuous = _heartbeatSeen && !_linkDown && nowMicroseconds - _lastHeartbeat <= _linkTimeout;
                _consecutiveHeartbeats = continuous ? _consecutiveHeartbeats + 1 : 1;
                _heartbeatSeen = true;
                _linkDown = false;
                _lastHeartbeat = nowMicroseconds;
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }

        /// <summary>The transport dropped: link lost at once (cuts on the next tick if armed).</summary>
        public void OnLinkDown(long nowMicroseconds)
        {
            Monitor.Enter(_sync);
            try
            {
                _linkDown = true;
                _consecutiveHeartbeats = 0;
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }

        /// <summary>A loop reports that it is alive.</summary>
        public void CheckIn(WatchdogChannel channel, long nowMicroseconds)
        {
            int index = (int)channel;
            if (index < 0 || index >= ChannelCount)
            {
                return;
            }

            Monitor.Enter(_sync);
            try
            {
                _watchdogLast[index] = nowMicroseconds;
                _watchdogSeen[index] = true;
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }

        /// <summary>
        /// Starts arming: checks that no condition is present under the profile's limits, then runs
        /// the cut-path self-test over the next ticks (Mode SelfTest, then Ready on success, SafeStop
        /// with SelfTestFailed on failure). Returns the blocking reasons (None = self-test started).
        /// </summary>
        public CutReasons BeginArm(int countLimit, int growthLimitPermillePerSecond, int maxActiveChannels, long nowMicroseconds)
        {
            Monitor.Enter(_sync);
            try
            {
                if (_mode == SupervisorMode.SafeStop)
                {
                    return _latched;
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

                CutReasons blocking = EvaluateConditions(nowMicroseconds, limit, growth, true);
                if (_readback != 0 || _applied1 != 0)
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
                _selfTestPhase = SelfTestPhase.InterlockDrop;
                _selfTestPhaseStart = nowMicroseconds;
                return CutReasons.None;
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }

        /// <summary>Ends an armed session or a running self-test: emitters off, back to Idle. Not from SafeStop.</summary>
        public bool Disarm(long nowMicroseconds)
        {
            Monitor.Enter(_sync);
            try
            {
                if (_mode == SupervisorMode.SafeStop)
                {
                    return false;
                }

                EnterIdle();
                return true;
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }

        /// <summary>
        /// Requests emitter channels as a lease (Klipper's max_duration): the mask replaces the
        /// previous request; channels in it stay on until now + lease unless refreshed. Refused
        /// outside Ready, for channels outside the bank, above the profile's MaxActiveChannels, or
        /// for a lease outside 1..SafetyTiming.MaxLeaseMilliseconds.
        /// </summary>
        public bool RequestEmitters(int mask, int leaseMilliseconds, long nowMicroseconds)
        {
            if ((mask & ~BankMask) != 0 || leaseMilliseconds <= 0 || leaseMilliseconds > SafetyTiming.MaxLeaseMilliseconds)
            {
                return false;
            }

            Monitor.Enter(_sync);
            try
            {
                if (_mode != SupervisorMode.Ready || BitCount(mask) > _maxActiveChannels)
                {
                    return false;
                }

                long expiry = nowMicroseconds + leaseMilliseconds * 1000L;
                for (int channel = 0; channel < HardLimits.EmitterChannels; channel++)
                {
                    _leaseExpiry[channel] = (mask & (1 << channel)) != 0 ? expiry : 0;
                }

                return true;
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }

        /// <summary>
        /// Authenticated clear of a latched SafeStop. Accepted only when every condition is clear
        /// with hysteresis; otherwise returns false with the reasons still present.
        /// </summary>
        public bool TryClear(long nowMicroseconds, out CutReasons stillPresent)
        {
            Monitor.Enter(_sync);
            try
            {
                stillPresent = CutReasons.None;
                if (_mode != SupervisorMode.SafeStop)
                {
                    return false;
                }

                stillPresent = ClearBlockers(nowMicroseconds);
                if (stillPresent != CutReasons.None)
                {
                    return false;
                }

                _latched = CutReasons.None;
                EnterIdle();
                return true;
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }

        /// <summary>
        /// One supervisor period. Deterministic in (inputs, now, prior calls); allocates nothing.
        /// The returned object is reused: read it before the next tick.
        /// </summary>
        public SupervisorOutputs Tick(SupervisorInputs inputs, long nowMicroseconds)
        {
            Monitor.Enter(_sync);
            try
            {
                TickLocked(inputs, nowMicroseconds);
                return _outputs;
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }

        private void TickLocked(SupervisorInputs inputs, long now)
        {
            _overrunThisTick = _hasTicked && (now - _lastTick > SafetyTiming.OverrunMicroseconds || now < _lastTick);
            _ticksSinceOverrun = _overrunThisTick ? 0 : (_ticksSinceOverrun < int.MaxValue ? _ticksSinceOverrun + 1 : _ticksSinceOverrun);
            _hasTicked = true;
            _lastTick = now;

            IngestCounter(inputs);
            IngestTemperature(inputs);
            _readback = inputs.EmitterReadbackMask;
            _interlockPowered = inputs.InterlockPowered;
            UpdateLinkAge(now);

            _present = EvaluateConditions(now, _countLimit, _growthLimit, _mode == SupervisorMode.SelfTest || _mode == SupervisorMode.Ready);

            int appliedBefore = _applied1;
            if (_mode == SupervisorMode.SelfTest || _mode == SupervisorMode.Ready)
            {
                if (_present != CutReasons.None)
                {
                    Cut(_present, now, appliedBefore);
                }
                else if (_mode == SupervisorMode.SelfTest)
                {
                    AdvanceSelfTest(now, appliedBefore);
                }
            }
            else if (_mode == SupervisorMode.Idle && (_present & CutReasons.EmitterMismatch) != 0)
            {
                // The one condition that energises an emitter without a command (a line stuck on):
                // it latches even while idle, so the keep-alive stops and the bank drops.
                Cut(CutReasons.EmitterMismatch, now, appliedBefore);
            }
            else if (_mode == SupervisorMode.SafeStop)
            {
                // While latched the interlock must drop within the hold time: if it stays up, the
                // keep-alive path is stuck (single fault) and the clear is refused.
                if (_interlockPowered && now - _latchedAt > SafetyTiming.SelfTestDropBudgetMicroseconds)
                {
                    _latched |= CutReasons.SelfTestFailed;
                }

                _latched |= _present;
            }

            int mask = 0;
            if (_mode == SupervisorMode.Ready)
            {
                for (int channel = 0; channel < HardLimits.EmitterChannels; channel++)
                {
                    if (_leaseExpiry[channel] > now)
                    {
                        mask |= 1 << channel;
                    }
                }
            }

            // The bank is powered only while a session needs it: from the self-test's recover phase
            // through Ready. Idle, Completed and SafeStop keep it unpowered, so a driver that shorts
            // on between sessions emits nothing; the next self-test powers the bank with every
            // enable off and sees the short on the read-back before any emitter is requested.
            bool keepAlive = (_mode == SupervisorMode.Ready
                    || (_mode == SupervisorMode.SelfTest && _selfTestPhase != SelfTestPhase.InterlockDrop))
                && !_overrunThisTick
                && AllChannelsHealthy(now);

            _outputs.EmitterMaskChanged = mask != _outputs.EmitterMask;
            _outputs.EmitterMask = mask;
            _outputs.ToggleKeepAlive = keepAlive;
            _outputs.Alarm = _mode == SupervisorMode.SafeStop;
            _outputs.Mode = _mode;
            _applied2 = _applied1;
            _applied1 = mask;
        }

        private void IngestCounter(SupervisorInputs inputs)
        {
            if (_counterSeen && inputs.CounterReadMicroseconds == _lastCounterRead)
            {
                return; // no new read since the last tick
            }

            _counterSeen = true;
            _lastCounterRead = inputs.CounterReadMicroseconds;
            SensorReadStatus status = inputs.CounterStatus;
            if (status == SensorReadStatus.NotReady)
            {
                return; // not a fault by itself; freshness catches a part that never gets ready
            }

            if (status != SensorReadStatus.Ok)
            {
                RejectCounter();
                return;
            }

            if (_hasSequence && inputs.CounterSequence == _lastSequence)
            {
                // The part said "new data" but the sequence did not move: a repeat, not a sample.
                _frozenRun++;
                if (_frozenRun > SafetyTiming.FrozenSequenceLimit)
                {
                    RejectCounter();
                }

                return;
            }

            _hasSequence = true;
            _lastSequence = inputs.CounterSequence;
            _frozenRun = 0;

            int raw = inputs.Count;
            if (raw < 0 || raw > SafetyTiming.CounterRangeMaximum)
            {
                RejectCounter();
                return;
            }

            // A frozen counter keeps advancing its sequence with the same count: a live population
            // above the floor never repeats a value FrozenCountSamples times in a row.
            if (_sameCountRun > 0 && raw == _sameCountValue)
            {
                if (_sameCountRun < int.MaxValue)
                {
                    _sameCountRun++;
                }
            }
            else
            {
                _sameCountValue = raw;
                _sameCountRun = 1;
            }

            if (_sameCountRun >= SafetyTiming.FrozenCountSamples && raw >= SafetyTiming.FrozenCountFloor)
            {
                RejectCounter();
                return;
            }

            int calibrated = (int)((long)raw * _counterGainPermille / 1000);
            bool jump = _hasPreviousSample && IsImplausibleJump(_previousSample, calibrated);
            _hasPreviousSample = true;
            _previousSample = calibrated;
            if (jump)
            {
                // Compared with the previous well-formed sample, so a real step is accepted one
                // sample later; the growth window restarts so the step is not read as growth.
                _growth.Reset();
                RejectCounter();
                return;
            }

            _count = calibrated;
            _counterFaulted = false;
            _counterAcceptedOnce = true;
            _lastCounterAccepted = inputs.CounterReadMicroseconds;
            _growth.Add(inputs.CounterReadMicroseconds, calibrated);
            if (_goodCounterRun < int.MaxValue)
            {
                _goodCounterRun++;
            }
        }

        private void RejectCounter()
        {
            _counterFaulted = true;
            _goodCounterRun = 0;
        }

        private static bool IsImplausibleJump(int previous, int next)
        {
            long step = (long)next - previous;
            if (step < 0)
            {
                step = -step;
            }

            long allowed = (long)previous * SafetyTiming.ImplausibleJumpPermille / 1000;
            if (allowed < SafetyTiming.ImplausibleJumpFloor)
            {
                allowed = SafetyTiming.ImplausibleJumpFloor;
            }

            return step > allowed;
        }

        private void IngestTemperature(SupervisorInputs inputs)
        {
            if (_temperatureSeen && inputs.TemperatureReadMicroseconds == _lastTemperatureRead)
            {
                return;
            }

            _temperatureSeen = true;
            _lastTemperatureRead = inputs.TemperatureReadMicroseconds;
            SensorReadStatus status = inputs.TemperatureStatus;
            if (status == SensorReadStatus.NotReady)
            {
                return;
            }

            int raw = inputs.TemperatureCentiCelsius;
            if (status != SensorReadStatus.Ok || raw < SafetyTiming.TemperatureRangeMinimum || raw > SafetyTiming.TemperatureRangeMaximum)
            {
                _temperatureFaulted = true;
                return;
            }

            long readAt = inputs.TemperatureReadMicroseconds;
            if (!_hasTemperatureRaw || raw != _lastTemperatureRaw)
            {
                _hasTemperatureRaw = true;
                _lastTemperatureRaw = raw;
                _temperatureChangedAt = readAt;
            }
            else if (readAt - _temperatureChangedAt >= SafetyTiming.TemperatureFrozenMicroseconds)
            {
                // A live part jitters by an LSB or more: the same reading for this long is a hung
                // sensor (conversions stopped with data-ready stuck, or a frozen result register).
                _temperatureFaulted = true;
                return;
            }

            _temperature = raw + _temperatureOffset;
            _temperatureFaulted = false;
            _temperatureAcceptedOnce = true;
            _lastTemperatureAccepted = inputs.TemperatureReadMicroseconds;
        }

        private void UpdateLinkAge(long now)
        {
            if (!_heartbeatSeen)
            {
                _linkAgeMilliseconds = int.MaxValue;
                return;
            }

            long age = now - _lastHeartbeat;
            if (age < 0)
            {
                age = 0; // heartbeat stamped on another thread just after this tick's clock read
            }

            if (age > _linkTimeout)
            {
                _consecutiveHeartbeats = 0;
            }

            long ageMilliseconds = age / 1000;
            _linkAgeMilliseconds = ageMilliseconds > int.MaxValue ? int.MaxValue : (int)ageMilliseconds;
        }

        private bool LinkLost(long now)
        {
            return !_heartbeatSeen || _linkDown || now - _lastHeartbeat > _linkTimeout;
        }

        private bool CounterHealthy(long now)
        {
            return _counterAcceptedOnce && !_counterFaulted
                && now - _lastCounterAccepted <= SafetyTiming.CounterFreshnessMicroseconds;
        }

        private bool TemperatureHealthy(long now)
        {
            return _temperatureAcceptedOnce && !_temperatureFaulted
                && now - _lastTemperatureAccepted <= SafetyTiming.TemperatureFreshnessMicroseconds;
        }

        private bool AllChannelsHealthy(long now)
        {
            for (int i = 0; i < ChannelCount; i++)
            {
                if (!_watchdogSeen[i] || now - _watchdogLast[i] > _watchdogTimeout[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Cut conditions right now, against the given limits. <paramref name="armed"/>: arming or
        /// armed, where a count below SafetyTiming.FrozenCountFloor is a sensor fault too (a frozen
        /// counter cannot be told from a still chamber there).
        /// </summary>
        private CutReasons EvaluateConditions(long now, int countLimit, int growthLimit, bool armed)
        {
            CutReasons reasons = CutReasons.None;
            bool counterHealthy = CounterHealthy(now) && (!armed || _count >= SafetyTiming.FrozenCountFloor);
            if (counterHealthy && (_count >= countLimit || _count >= HardLimits.CountCeiling))
            {
                reasons |= CutReasons.Overcount;
            }

            if (counterHealthy && _growth.IsValid && _growth.PermillePerSecond > growthLimit)
            {
                reasons |= CutReasons.RunawayGrowth;
            }

            bool temperatureHealthy = TemperatureHealthy(now);
            if (!counterHealthy || !temperatureHealthy)
            {
                reasons |= CutReasons.SensorFault;
            }

            if (LinkLost(now))
            {
                reasons |= CutReasons.LinkLost;
            }

            // A read-back bit is wrong only if it matches neither of the last two commands: one
            // tick of settling after every change.
            int wrongBits = (_readback ^ _applied1) & (_readback ^ _applied2);
            if (wrongBits != 0)
            {
                reasons |= CutReasons.EmitterMismatch;
            }

            if (temperatureHealthy && _temperature >= _overTemperature)
            {
                reasons |= CutReasons.OverTemperature;
            }

            if (_overrunThisTick)
            {
                reasons |= CutReasons.SupervisorOverrun;
            }

            if (!AllChannelsHealthy(now))
            {
                reasons |= CutReasons.WatchdogChannel;
            }

            return reasons;
        }

        /// <summary>What still blocks a clear: every condition with its re-arm hysteresis.</summary>
        private CutReasons ClearBlockers(long now)
        {
            CutReasons blockers = CutReasons.None;
            bool counterHealthy = CounterHealthy(now);
            long rearmCount = (long)_countLimit * _rearmCountPermille / 1000;
            if (!counterHealthy || _count >= rearmCount)
            {
                blockers |= CutReasons.Overcount;
            }

            if (!counterHealthy || (_growth.IsValid && _growth.PermillePerSecond > _growthLimit / 2))
            {
                blockers |= CutReasons.RunawayGrowth;
            }

            if (!counterHealthy || _goodCounterRun < SafetyTiming.RearmSensorSamples || !TemperatureHealthy(now))
            {
                blockers |= CutReasons.SensorFault;
            }

            if (LinkLost(now) || _consecutiveHeartbeats < _rearmHeartbeats)
            {
                blockers |= CutReasons.LinkLost;
            }

            if (_readback != 0)
            {
                blockers |= CutReasons.EmitterMismatch;
            }

            if (!TemperatureHealthy(now) || _temperature > _overTemperature - SafetyTiming.RearmTemperatureMarginCentiCelsius)
            {
                blockers |= CutReasons.OverTemperature;
            }

            if (_ticksSinceOverrun < SafetyTiming.RearmOnTimeTicks)
            {
                blockers |= CutReasons.SupervisorOverrun;
            }

            if (!AllChannelsHealthy(now))
            {
                blockers |= CutReasons.WatchdogChannel;
            }

            if (_interlockPowered)
            {
                // Latched means the keep-alive stopped: a powered bank proves the cut path broken.
                blockers |= CutReasons.SelfTestFailed;
            }

            return blockers;
        }

        private void AdvanceSelfTest(long now, int appliedBefore)
        {
            long elapsed = now - _selfTestPhaseStart;
            switch (_selfTestPhase)
            {
                case SelfTestPhase.InterlockDrop:
                    // The keep-alive has been stopped since Idle: the bank must be (or go) down.
                    if (!_interlockPowered)
                    {
                        _selfTestPhase = SelfTestPhase.InterlockRecover;
                        _selfTestPhaseStart = now;
                    }
                    else if (elapsed > SafetyTiming.SelfTestDropBudgetMicroseconds)
                    {
                        Cut(CutReasons.SelfTestFailed, now, appliedBefore);
                    }

                    return;
                case SelfTestPhase.InterlockRecover:
                    if (_interlockPowered)
                    {
                        _selfTestPhase = SelfTestPhase.EmittersOff;
                        _selfTestPhaseStart = now;
                    }
                    else if (elapsed > SafetyTiming.SelfTestRecoverBudgetMicroseconds)
                    {
                        Cut(CutReasons.SelfTestFailed, now, appliedBefore);
                    }

                    return;
                case SelfTestPhase.EmittersOff:
                    // One tick after the bank came up, with every enable off: the read-back must be
                    // all off (a shorted driver reads on only now that the bank is powered).
                    if (!_interlockPowered || _readback != 0 || appliedBefore != 0)
                    {
                        Cut(_readback != 0 ? CutReasons.EmitterMismatch | CutReasons.SelfTestFailed : CutReasons.SelfTestFailed, now, appliedBefore);
                        return;
                    }

                    _selfTestPhase = SelfTestPhase.None;
                    _mode = SupervisorMode.Ready;
                    return;
                default:
                    Cut(CutReasons.SelfTestFailed, now, appliedBefore);
                    return;
            }
        }

        private void Cut(CutReasons reasons, long now, int maskBefore)
        {
            _mode = SupervisorMode.SafeStop;
            _selfTestPhase = SelfTestPhase.None;
            _latched |= reasons;
            _lastCutReasons = _latched;
            _latchedAt = now;
            ClearLeases();

            _cutSequence++;
            _lastCut.Sequence = _cutSequence;
            _lastCut.TimeMicroseconds = now;
            _lastCut.Reasons = reasons;
            _lastCut.Count = _count;
            _lastCut.GrowthPermillePerSecond = _growth.PermillePerSecond;
            _lastCut.LinkAgeMilliseconds = _linkAgeMilliseconds;
            _lastCut.TemperatureCentiCelsius = _temperature;
            _lastCut.EmitterMask = maskBefore;
            _lastCut.EmitterReadbackMask = _readback;
        }

        private void EnterIdle()
        {
            _mode = SupervisorMode.Idle;
            _selfTestPhase = SelfTestPhase.None;
            _countLimit = HardLimits.CountCeiling;
            _growthLimit = HardLimits.MaxGrowthLimitPermillePerSecond;
            _maxActiveChannels = HardLimits.EmitterChannels;
            ClearLeases();
        }

        private void ClearLeases()
        {
            for (int channel = 0; channel < HardLimits.EmitterChannels; channel++)
            {
                _leaseExpiry[channel] = 0;
            }
        }

        private void CopySettings(ChamberSettings settings)
        {
            _linkTimeout = settings.LinkTimeoutMilliseconds * 1000L;
            _overTemperature = settings.OverTemperatureCentiCelsius;
            _rearmCountPermille = settings.RearmCountPermille;
            _rearmHeartbeats = settings.RearmHeartbeats;
            _counterGainPermille = settings.CounterGainPermille;
            _temperatureOffset = settings.TemperatureOffsetCentiCelsius;
        }

        private static int BitCount(int mask)
        {
            int count = 0;
            while (mask != 0)
            {
                mask &= mask - 1;
                count++;
            }

            return count;
        }
    }
}
