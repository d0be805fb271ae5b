using System;
using ChamberFirmware.Core.Config;

namespace ChamberFirmware.Core.Safety
{
    /// <summary>
    /// The independent safety supervisor: every emitter command passes through it and it alone
    /// decides whether the interlock keep-alive is fed. A deterministic state machine that touches
    /// no hardware: the runtime fills SupervisorInputs, calls Tick every
    /// HardLimits.SupervisorPeriodMilliseconds and applies SupervisorOutputs. Tick allocates nothing.
    /// Thread-safe: the link, control and sensor loops call in from their own threads. This class
    /// is the one lock and the public contract; the decisions are <see cref="SupervisorStateMachine"/>'s,
    /// made from small monitors (docs/safety.md, "Monitors").
    /// </summary>
    public sealed class SafetySupervisor
    {
        private const int BankMask = (1 << HardLimits.EmitterChannels) - 1;

        private readonly object _sync = new object();
        private readonly SupervisorStateMachine _machine = new SupervisorStateMachine();

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

            _machine.ApplySettings(settings);
        }

        public SupervisorMode Mode
        {
            get
            {
                lock (_sync)
                {
                    return _machine.Mode;
                }
            }
        }

        public SelfTestPhase SelfTestPhase
        {
            get
            {
                lock (_sync)
                {
                    return _machine.SelfTestPhase;
                }
            }
        }

        /// <summary>Reasons latched by the current SafeStop (None when not latched).</summary>
        public CutReasons LatchedReasons
        {
            get
            {
                lock (_sync)
                {
                    return _machine.Latch.Latched;
                }
            }
        }

        /// <summary>Conditions seen in the latest tick (also while idle, where they do not latch).</summary>
        public CutReasons PresentReasons
        {
            get
            {
                lock (_sync)
                {
                    return _machine.PresentReasons;
                }
            }
        }

        /// <summary>Number of cuts since boot; the sequence number of the latest snapshot.</summary>
        public int CutSequence
        {
            get
            {
                lock (_sync)
                {
                    return _machine.Latch.LastCut.Sequence;
                }
            }
        }

        /// <summary>Latest accepted (calibrated) count.</summary>
        public int Count
        {
            get
            {
                lock (_sync)
                {
                    return _machine.Counter.Count;
                }
            }
        }

        public int GrowthPermillePerSecond
        {
            get
            {
                lock (_sync)
                {
                    return _machine.Counter.GrowthPermillePerSecond;
                }
            }
        }

        /// <summary>Link timeout in force, microseconds.</summary>
        public long LinkTimeoutMicroseconds
        {
            get
            {
                lock (_sync)
                {
                    return _machine.Link.TimeoutMicroseconds;
                }
            }
        }

        /// <summary>Fills the safety part of a status snapshot: state fields are the controller's.</summary>
        public void FillStatus(Control.ChamberStatus status)
        {
            lock (_sync)
            {
                status.LatchedReasons = _machine.Latch.Latched;
                status.LastCutReasons = _machine.Latch.LastCutReasons;
                status.Count = _machine.Counter.Count;
                status.GrowthPermillePerSecond = _machine.Counter.GrowthPermillePerSecond;
                status.ActiveEmitterMask = _machine.Outputs.EmitterMask;
                status.LinkAgeMilliseconds = _machine.Link.AgeMilliseconds;
                status.TemperatureCentiCelsius = _machine.Temperature.Temperature;
            }
        }

        /// <summary>Copies the snapshot of the latest cut (Sequence 0: none yet).</summary>
        public void CopyLastCut(CutSnapshot target)
        {
            lock (_sync)
            {
                _machine.Latch.LastCut.CopyTo(target);
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

            lock (_sync)
            {
                if (_machine.Mode != SupervisorMode.Idle)
                {
                    rejectedField = SettingsField.None;
                    return false;
                }

                _machine.ApplySettings(settings);
                return true;
            }
        }

        /// <summary>A valid authenticated heartbeat from the bound console (the link layer filters).</summary>
        public void OnHeartbeat(long nowMicroseconds)
        {
            lock (_sync)
            {
                _machine.Link.OnHeartbeat(nowMicroseconds);
            }
        }

        /// <summary>The transport dropped: link lost at once (cuts on the next tick if armed).</summary>
        public void OnLinkDown(long nowMicroseconds)
        {
            lock (_sync)
            {
                _machine.Link.OnLinkDown();
            }
        }

        /// <summary>A loop reports that it is alive.</summary>
        public void CheckIn(WatchdogChannel channel, long nowMicroseconds)
        {
            lock (_sync)
            {
                _machine.Watchdog.CheckIn(channel, nowMicroseconds);
            }
        }

        /// <summary>
        /// Starts arming: checks that no condition is present under the profile's limits, then runs
        /// the cut-path self-test over the next ticks (Mode SelfTest, then Ready on success, SafeStop
        /// with SelfTestFailed on failure). Returns the blocking reasons (None = self-test started).
        /// </summary>
        public CutReasons BeginArm(int countLimit, int growthLimitPermillePerSecond, int maxActiveChannels, long nowMicroseconds)
        {
            lock (_sync)
            {
                return _machine.BeginArm(countLimit, growthLimitPermillePerSecond, maxActiveChannels, nowMicroseconds);
            }
        }

        /// <summary>Ends an armed session or a running self-test: emitters off, back to Idle. Not from SafeStop.</summary>
        public bool Disarm(long nowMicroseconds)
        {
            lock (_sync)
            {
                return _machine.Disarm();
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

            lock (_sync)
            {
                return _machine.RequestEmitters(mask, leaseMilliseconds, nowMicroseconds);
            }
        }

        /// <summary>
        /// Authenticated clear of a latched SafeStop. Accepted only when every condition is clear
        /// with hysteresis; otherwise returns false with the reasons still present.
        /// </summary>
        public bool TryClear(long nowMicroseconds, out CutReasons stillPresent)
        {
            lock (_sync)
            {
                return _machine.TryClear(nowMicroseconds, out stillPresent);
            }
        }

        /// <summary>
        /// One supervisor period. Deterministic in (inputs, now, prior calls); allocates nothing.
        /// The returned object is reused: read it before the next tick.
        /// </summary>
        public SupervisorOutputs Tick(SupervisorInputs inputs, long nowMicroseconds)
        {
            lock (_sync)
            {
                return _machine.Tick(inputs, nowMicroseconds);
            }
        }

        /// <summary>
        /// The runtime's supervisor step: the sensor loop's watchdog check-in and <see cref="Tick"/>
        /// under one lock (on the device every lock and call costs interpreter time).
        /// </summary>
        public SupervisorOutputs SensorLoopTick(SupervisorInputs inputs, long nowMicroseconds)
        {
            lock (_sync)
            {
                return _machine.SensorLoopTick(inputs, nowMicroseconds);
            }
        }
    }
}
