using System;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Hal.Board;
using ChamberFirmware.Hal.Clock;
using ChamberFirmware.Hal.Drivers.Alarm;
using ChamberFirmware.Hal.Drivers.Counter;
using ChamberFirmware.Hal.Drivers.Emitters;
using ChamberFirmware.Hal.Drivers.Interlock;
using ChamberFirmware.Hal.Drivers.Temperature;
using ChamberFirmware.Hal.Sensors;
using ChamberFirmware.Hal.Storage;

namespace ChamberFirmware.Core.Runtime
{
    /// <summary>
    /// The firmware wired together: drivers, configuration, safety supervisor, treatment controller,
    /// console link and diagnostics. The same object runs on the ESP32 (each loop on its own thread)
    /// and in the simulator (the steps called in a fixed order on one thread). Everything it will
    /// ever need is allocated in the constructor; SupervisorStep and ControlStep allocate nothing
    /// themselves (the ESP32's GPIO and I2C adapters do, where System.Device.* leave no choice:
    /// docs/safety.md, "Device timing on nanoCLR").
    /// Loops and their watchdog channels (docs/architecture.md, "Runtime"):
    /// SupervisorStep every 10 ms (SensorLoop channel; the supervisor itself feeds the keep-alive),
    /// ControlStep (ControlLoop channel), the link loop — HandleLinkFrame / BuildTelemetryFrame /
    /// OnLinkTransportClosed — (LinkLoop channel). A loop that stops checking in stops the
    /// keep-alive; if SupervisorStep itself stops, nothing toggles the keep-alive and the hold
    /// circuit drops the bank by itself.
    /// </summary>
    public sealed class ChamberRuntime
    {
        private readonly IMonotonicClock _clock;
        private readonly ChamberDrivers _drivers;
        private readonly ConfigStore _config;
        private readonly ConfigLoadStatus _loadStatus;
        private readonly RuntimeProvisioningState _provisioningState;
        private readonly SafetySupervisor _supervisor;
        private readonly TreatmentController _controller;
        private readonly DiagnosticsService _diagnostics;
        private readonly RuntimeEventRecorder _events;
        private readonly RuntimeChamberControl _control;
        private readonly LinkServer _link;

        // The drivers the supervisor step uses, held directly: on the device a property read is a call.
        private readonly NanobotCounter _counter;
        private readonly ChamberTemperatureSensor _temperature;
        private readonly EmitterBank _emitters;
        private readonly EmitterInterlock _interlock;
        private readonly AlarmIndicator _alarm;

        // Supervisor-thread scratch (never shared).
        private readonly SupervisorInputs _inputs = new SupervisorInputs();
        private readonly NanobotCountSample _counterSample = new NanobotCountSample();
        private readonly TemperatureSample _temperatureSample = new TemperatureSample();
        private readonly CutSnapshot _cutSnapshot = new CutSnapshot();
        private readonly ChamberStatus _stepStatus = new ChamberStatus();

        // Link-thread scratch.
        private readonly int[] _linkRejectsCounted = new int[(int)LinkRejectReason.Count];

        // Settings scratch (boot and provisioning commits).
        private readonly ChamberSettings _settings = new ChamberSettings();

        private bool _booted;
        private long _ticks;
        private int _ticksToPublish;
        private int _ticksToTemperature;
        private bool _counterReady;
        private bool _temperatureReady;
        private bool _counterHealthy = true;
        private bool _temperatureHealthy = true;
        private int _cutsLogged;
        private bool _linkUp;
        private bool _settingsPending;
        private ChamberState _lastPublishedState = ChamberState.Idle;

        /// <summary>
        /// Builds the runtime from the board's interfaces and reads the stored configuration (the
        /// diagnostics identity needs its serial number and hardware revision). Touches no output:
        /// call <see cref="Boot"/> next.
        /// </summary>
        /// <param name="identity">Manufacturer, model and firmware/software revisions; serial number and hardware revision come from the configuration store.</param>
        public ChamberRuntime(IChamberBoard board, INonVolatileStorage storage, INonceSource nonces, IMonotonicClock clock, DiagnosticsIdentity identity)
        {
            if (board == null || storage == null || nonces == null || clock == null)
            {
                throw new ArgumentNullException();
            }

            _clock = clock;
            _drivers = new ChamberDrivers(board);
            _counter = _drivers.Counter;
            _temperature = _drivers.Temperature;
            _emitters = _drivers.Emitters;
            _interlock = _drivers.Interlock;
            _alarm = _drivers.Alarm;
            _config = new ConfigStore(storage);
            _loadStatus = _config.Load();
            _provisioningState = new RuntimeProvisioningState(_config);

            _config.CopySettingsTo(_settings);
            if (!SafetySettingsValidator.Validate(_settings, out SettingsField _))
            {
                // Stored settings outside this firmware's hard bounds: run on the defaults, unarmable.
                _provisioningState.SettingsRejected = true;
                CopyDefaultSettings(_settings);
            }

            _supervisor = new SafetySupervisor(_settings);
            _controller = new TreatmentController(_supervisor, _provisioningState);

            DiagnosticsIdentity deviceIdentity = new DiagnosticsIdentity();
            if (identity != null)
            {
                deviceIdentity.Manufacturer = identity.Manufacturer;
                deviceIdentity.Model = identity.Model;
                deviceIdentity.FirmwareRevision = identity.FirmwareRevision;
                deviceIdentity.SoftwareRevision = identity.SoftwareRevision;
                deviceIdentity.SerialNumber = identity.SerialNumber;
                deviceIdentity.HardwareRevision = identity.HardwareRevision;
            }

            if (_config.HasValidConfiguration)
            {
                deviceIdentity.SerialNumber = _config.SerialNumber;
                deviceIdentity.HardwareRevision = _config.HardwareRevision;
            }

            Identity = deviceIdentity;
            _diagnostics = new DiagnosticsService(deviceIdentity);
            _events = new RuntimeEventRecorder(_controller, _diagnostics);
            _control = new RuntimeChamberControl(_controller, _events, _diagnostics.Counters, clock);
            ProvisioningService provisioning = new ProvisioningService(_config);
            Provisioning = provisioning;
            _link = new LinkServer(
                _control,
                new RuntimeProvisioningTarget(provisioning, this),
                new ConfigLinkKeySource(_config),
                new BoardProvisioningJumper(_drivers.ProvisioningJumper),
                nonces,
                clock);
            _link.AttachDeviceInfo(new RuntimeDeviceInfo(_config, deviceIdentity.FirmwareRevision));
        }

        public SafetySupervisor Supervisor => _supervisor;

        public TreatmentController Controller => _controller;

        /// <summary>What the link drives: the controller with event logging.</summary>
        public IChamberControl Control => _control;

        public LinkServer Link => _link;

        public DiagnosticsService Diagnostics => _diagnostics;

        public ConfigStore Config => _config;

        public ProvisioningService Provisioning { get; }

        public ChamberDrivers Drivers => _drivers;

        /// <summary>The identity served over BLE (serial number and hardware revision as stored; updated by a provisioning commit).</summary>
        public DiagnosticsIdentity Identity { get; }

        /// <summary>What the boot-time load of the configuration found.</summary>
        public ConfigLoadStatus ConfigLoadStatus => _loadStatus;

        /// <summary>True when the chamber may arm: provisioned and its stored settings accepted.</summary>
        public bool IsProvisioned => _provisioningState.IsProvisioned;

        /// <summary>Supervisor steps run since boot.</summary>
        public long SupervisorTicks => _ticks;

        public bool IsBooted => _booted;

        /// <summary>
        /// Start-up, once: every emitter off, sensors initialised, the reset counted and logged
        /// (with ConfigurationInvalid when the device cannot arm), a corrupt or unreadable store
        /// logged as such, and a first status published.
        /// </summary>
        public void Boot()
        {
            if (_booted)
            {
                return;
            }

            _booted = true;
            long now = _clock.NowMicroseconds;
            _emitters.ForceAllOff();
            _alarm.Set(false);
            InitialiseCounter();
            InitialiseTemperature();

            _diagnostics.Counters.CountReset();
            bool armable = _provisioningState.IsProvisioned;
            _events.Record(DiagnosticsEventKind.Reset, armable ? CutReasons.None : CutReasons.ConfigurationInvalid, now);
            if (_loadStatus == ConfigLoadStatus.Corrupt || _loadStatus == ConfigLoadStatus.StorageError || _provisioningState.SettingsRejected)
            {
                _events.Record(DiagnosticsEventKind.ConfigChange, CutReasons.ConfigurationInvalid, now);
            }

            Publish(now);
        }

        /// <summary>
        /// One supervisor period (every 10 ms): read the sensors, emitter read-back and interlock
        /// sense into the inputs, check in the sensor channel, Tick, apply the outputs (emitter
        /// lines, keep-alive edge, alarm), log a new cut, link changes and sensor errors, publish
        /// the diagnostics status every <see cref="RuntimeTiming.PublishEveryTicks"/> ticks.
        /// Allocation-free.
        /// </summary>
        public void SupervisorStep()
        {
            long now = _clock.NowMicroseconds;
            _ticks++;

            ReadCounter(now);
            if (--_ticksToTemperature <= 0)
            {
                _ticksToTemperature = RuntimeTiming.TemperatureEveryTicks;
                ReadTemperature(now);
            }

            _inputs.EmitterReadbackMask = _emitters.ReadReadbackMask();
            _inputs.InterlockPowered = _interlock.IsBankPowered();

            SupervisorOutputs outputs = _supervisor.SensorLoopTick(_inputs, now);
            ApplyOutputs(outputs);

            if (outputs.CutSequence != _cutsLogged)
            {
                RecordCut();
            }

            bool linkUp = (outputs.PresentReasons & CutReasons.LinkLost) == 0;
            if (linkUp != _linkUp)
            {
                RecordLinkChange(linkUp, now);
            }

            if (--_ticksToPublish <= 0)
            {
                Publish(now);
            }
        }

        /// <summary>
        /// One control-loop step: the treatment controller's closed loop (which checks in the
        /// control channel and refreshes the emitter lease), completion logged, and settings from a
        /// provisioning commit put in force once the chamber is idle. Allocation-free.
        /// </summary>
        public void ControlStep()
        {
            long now = _clock.NowMicroseconds;
            object commandLock = _control.CommandLock;
            System.Threading.Monitor.Enter(commandLock);
            try
            {
                ChamberState before = _controller.State;
                _controller.Tick(now);
                if (before == ChamberState.Active && _controller.State == ChamberState.Completed)
                {
                    _events.Record(DiagnosticsEventKind.Complete, CutReasons.None, now);
                }
            }
            finally
            {
                System.Threading.Monitor.Exit(commandLock);
            }

            if (_settingsPending)
            {
                ApplyCommittedSettings();
            }
        }

        /// <summary>
        /// The link loop: one received frame in, at most one response out (returns its length).
        /// Checks in the link channel and copies the link's reject counts to the diagnostics counters.
        /// </summary>
        public int HandleLinkFrame(byte[] frame, int offset, int count, byte[] response, int responseOffset)
        {
            _supervisor.CheckIn(WatchdogChannel.LinkLoop, _clock.NowMicroseconds);
            int length = _link.ProcessFrame(frame, offset, count, response, responseOffset);
            CountLinkRejects();
            return length;
        }

        /// <summary>The link thread's check-in on its watchdog channel (LinkPump, every period).</summary>
        public void CheckInLinkLoop()
        {
            _supervisor.CheckIn(WatchdogChannel.LinkLoop, _clock.NowMicroseconds);
        }

        /// <summary>
        /// The console's transport dropped (BLE disconnect, TCP close): link loss at once. Call it on
        /// the link thread, in order with the frames (on the board the BLE callback notes the close
        /// in the LinkInbox and the LinkPump calls this).
        /// </summary>
        public void OnLinkTransportClosed()
        {
            _supervisor.CheckIn(WatchdogChannel.LinkLoop, _clock.NowMicroseconds);
            _link.OnTransportClosed();
        }

        /// <summary>
        /// The link loop's periodic work (call at least every 100 ms, also when no console is
        /// connected: it is the link channel's check-in): an authenticated Telemetry frame for the
        /// bound console, or 0 when none is bound.
        /// </summary>
        public int BuildTelemetryFrame(byte[] buffer, int offset)
        {
            _supervisor.CheckIn(WatchdogChannel.LinkLoop, _clock.NowMicroseconds);
            return _link.BuildTelemetryFrame(buffer, offset);
        }

        public void FillStatus(ChamberStatus status)
        {
            _controller.FillStatus(status);
            status.UptimeMicroseconds = _clock.NowMicroseconds;
        }

        /// <summary>
        /// Called by the provisioning target after a successful commit (link thread, inside the
        /// link server): the new settings go into force now if the chamber is idle, otherwise at
        /// the first control step that finds it idle. The link server reloads the key itself.
        /// </summary>
        internal void OnConfigurationCommitted()
        {
            if (_config.HasValidConfiguration)
            {
                // The diagnostics identity was encoded at boot: serve the committed one at once.
                Identity.SerialNumber = _config.SerialNumber;
                Identity.HardwareRevision = _config.HardwareRevision;
                _diagnostics.UpdateIdentity(Identity);
            }

            _settingsPending = true;
            ApplyCommittedSettings();
        }

        private void ApplyCommittedSettings()
        {
            _config.CopySettingsTo(_settings);
            CommandResult result = _control.ApplySettings(_settings, out SettingsField _);
            if (result == CommandResult.Ok)
            {
                _provisioningState.SettingsRejected = false;
                _settingsPending = false;
            }
            else if (result == CommandResult.SettingsRejected)
            {
                // Cannot happen through ProvisioningService (it validates); never leave it armable.
                _provisioningState.SettingsRejected = true;
                _settingsPending = false;
            }
        }

        private void ApplyOutputs(SupervisorOutputs outputs)
        {
            if (outputs.EmitterMaskChanged)
            {
                if (outputs.EmitterMask == 0 || !_emitters.SetChannelMask(outputs.EmitterMask))
                {
                    // The cut path (and any mask the bank cannot take): every line written low.
                    _emitters.ForceAllOff();
                }
            }

            if (outputs.ToggleKeepAlive)
            {
                _interlock.ToggleKeepAlive();
            }

            _alarm.Set(outputs.Alarm);
        }

        private void ReadCounter(long now)
        {
            SensorReadStatus status;
            if (!_counterReady)
            {
                status = (_ticks % RuntimeTiming.SensorInitRetryTicks) == 1 ? InitialiseCounter() : SensorReadStatus.NotReady;
                if (!_counterReady)
                {
                    // Nothing to read: report the failure as this tick's read (the supervisor's freshness check cuts).
                    _inputs.CounterStatus = status == SensorReadStatus.Ok ? SensorReadStatus.NotReady : status;
                    _inputs.CounterReadMicroseconds = now;
                    return;
                }
            }

            status = _counter.TryRead(_counterSample);
            _inputs.CounterStatus = status;
            _inputs.CounterReadMicroseconds = now;
            if (status == SensorReadStatus.Ok)
            {
                _inputs.Count = _counterSample.Count;
                _inputs.CounterSequence = _counterSample.SequenceNumber;
            }

            _counterHealthy = status == SensorReadStatus.Ok || NoteSensorStatus(status, _counterHealthy, now);
        }

        private void ReadTemperature(long now)
        {
            SensorReadStatus status;
            if (!_temperatureReady)
            {
                status = InitialiseTemperature();
                if (!_temperatureReady)
                {
                    _inputs.TemperatureStatus = status == SensorReadStatus.Ok ? SensorReadStatus.NotReady : status;
                    _inputs.TemperatureReadMicroseconds = now;
                    return;
                }
            }

            status = _temperature.TryRead(_temperatureSample);
            _inputs.TemperatureStatus = status;
            _inputs.TemperatureReadMicroseconds = now;
            if (status == SensorReadStatus.Ok)
            {
                _inputs.TemperatureCentiCelsius = _temperatureSample.CentiCelsius;
            }

            _temperatureHealthy = status == SensorReadStatus.Ok || NoteSensorStatus(status, _temperatureHealthy, now);
        }

        private SensorReadStatus InitialiseCounter()
        {
            SensorReadStatus status = _counter.Initialize();
            _counterReady = status == SensorReadStatus.Ok;
            if (!_counterReady)
            {
                _counterHealthy = NoteSensorStatus(status, _counterHealthy, _clock.NowMicroseconds);
            }

            return status;
        }

        private SensorReadStatus InitialiseTemperature()
        {
            SensorReadStatus status = _temperature.Initialize();
            _temperatureReady = status == SensorReadStatus.Ok;
            if (!_temperatureReady)
            {
                _temperatureHealthy = NoteSensorStatus(status, _temperatureHealthy, _clock.NowMicroseconds);
            }

            return status;
        }

        /// <summary>
        /// Counts a failed read per status; logs one SensorFault event when a healthy sensor starts
        /// failing. Called only for a status other than Ok (the callers keep the hot path free of it).
        /// </summary>
        private bool NoteSensorStatus(SensorReadStatus status, bool wasHealthy, long now)
        {
            if (status == SensorReadStatus.NotReady)
            {
                return wasHealthy;
            }

            _diagnostics.Counters.CountSensorError((int)status);
            if (wasHealthy)
            {
                _supervisor.FillStatus(_stepStatus);
                _diagnostics.AppendEvent(DiagnosticsEventKind.SensorFault, _lastPublishedState, now, CutReasons.SensorFault, _stepStatus.Count,
                    _stepStatus.GrowthPermillePerSecond, _stepStatus.LinkAgeMilliseconds, _stepStatus.TemperatureCentiCelsius, _stepStatus.ActiveEmitterMask);
            }

            return false;
        }

        private void RecordCut()
        {
            _supervisor.CopyLastCut(_cutSnapshot);
            _cutsLogged = _cutSnapshot.Sequence;
            _diagnostics.Counters.CountCut((int)_cutSnapshot.Reasons);
            _diagnostics.AppendEvent(DiagnosticsEventKind.Cut, ChamberState.SafeStop, _cutSnapshot.TimeMicroseconds, _cutSnapshot.Reasons,
                _cutSnapshot.Count, _cutSnapshot.GrowthPermillePerSecond, _cutSnapshot.LinkAgeMilliseconds,
                _cutSnapshot.TemperatureCentiCelsius, _cutSnapshot.EmitterMask);
        }

        private void RecordLinkChange(bool up, long now)
        {
            _linkUp = up;
            if (!up)
            {
                _diagnostics.Counters.CountLinkLoss();
            }

            _supervisor.FillStatus(_stepStatus);
            _diagnostics.AppendEvent(up ? DiagnosticsEventKind.LinkRestored : DiagnosticsEventKind.LinkLost, _lastPublishedState, now,
                up ? CutReasons.None : CutReasons.LinkLost, _stepStatus.Count, _stepStatus.GrowthPermillePerSecond,
                _stepStatus.LinkAgeMilliseconds, _stepStatus.TemperatureCentiCelsius, _stepStatus.ActiveEmitterMask);
        }

        private void Publish(long now)
        {
            _ticksToPublish = RuntimeTiming.PublishEveryTicks;
            _controller.FillStatus(_stepStatus);
            _stepStatus.UptimeMicroseconds = now;
            _lastPublishedState = _stepStatus.State;
            _diagnostics.PublishStatus(_stepStatus);
        }

        private void CountLinkRejects()
        {
            int[] counts = _link.RejectCounts;
            int slots = counts.Length < DiagnosticsCounters.SlotsPerKind ? counts.Length : DiagnosticsCounters.SlotsPerKind;
            for (int reason = 0; reason < slots; reason++)
            {
                while (_linkRejectsCounted[reason] < counts[reason])
                {
                    _diagnostics.Counters.CountLinkReject(reason);
                    _linkRejectsCounted[reason]++;
                }
            }
        }

        private static void CopyDefaultSettings(ChamberSettings target)
        {
            ChamberSettings defaults = new ChamberSettings();
            target.LinkTimeoutMilliseconds = defaults.LinkTimeoutMilliseconds;
            target.OverTemperatureCentiCelsius = defaults.OverTemperatureCentiCelsius;
            target.RearmCountPermille = defaults.RearmCountPermille;
            target.RearmHeartbeats = defaults.RearmHeartbeats;
            target.CounterGainPermille = defaults.CounterGainPermille;
            target.TemperatureOffsetCentiCelsius = defaults.TemperatureOffsetCentiCelsius;
        }
    }
}
