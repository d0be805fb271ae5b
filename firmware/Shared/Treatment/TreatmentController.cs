using System;
using System.Threading;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Safety;

namespace ChamberFirmware.Core.Treatment
{
    /// <summary>
    /// The treatment session: Idle → Armed → Active → Completed → Idle; any cut → SafeStop
    /// (latched in the supervisor) → Idle only after an accepted clear. Called by the link layer
    /// (IChamberControl) and by the control loop (Tick). Every emitter request goes to the
    /// SafetySupervisor as a lease; this class never drives hardware and cannot turn an emitter on
    /// by itself. Arming is two-step: Arm validates and starts the supervisor's cut-path self-test
    /// (state stays Idle, IsArming true); the state becomes Armed once the self-test passes, or
    /// SafeStop with SelfTestFailed if it fails.
    /// </summary>
    public sealed class TreatmentController : IChamberControl
    {
        /// <summary>Lease of every emitter request; the control loop refreshes it each step.</summary>
        public const int ControlLeaseMilliseconds = 100;

        private readonly object _sync = new object();
        private readonly SafetySupervisor _supervisor;
        private readonly IProvisioningState _provisioning;
        private readonly TreatmentProfile _profile = new TreatmentProfile();
        private readonly IntensityController _intensity = new IntensityController();

        private ChamberState _phase = ChamberState.Idle;
        private bool _arming;
        private bool _hasProfile;
        private long _activeSince;
        private long _lastNow;
        private string _lastRejectionReason;

        public TreatmentController(SafetySupervisor supervisor, IProvisioningState provisioning)
        {
            if (supervisor == null)
            {
                throw new ArgumentNullException("supervisor");
            }

            if (provisioning == null)
            {
                throw new ArgumentNullException("provisioning");
            }

            _supervisor = supervisor;
            _provisioning = provisioning;
        }

        /// <summary>Current session state (derived from the supervisor's mode and the session phase).</summary>
        public ChamberState State
        {
            get
            {
                Monitor.Enter(_sync);
                try
                {
                    Synchronise();
                    return CurrentState();
                }
                finally
                {
                    Monitor.Exit(_sync);
                }
            }
        }

        /// <summary>True while an accepted Arm waits for the cut-path self-test.</summary>
        public bool IsArming
        {
            get
            {
                Monitor.Enter(_sync);
                try
                {
                    Synchronise();
                    return _arming;
                }
                finally
                {
                    Monitor.Exit(_sync);
                }
            }
        }

        /// <summary>Why the latest profile was rejected (constant text), null if none was.</summary>
        public string LastRejectionReason
        {
            get
            {
                Monitor.Enter(_sync);
                try
                {
                    return _lastRejectionReason;
                }
                finally
                {
                    Monitor.Exit(_sync);
                }
            }
        }

        /// <summary>
        /// One control-loop step (checks in the ControlLoop watchdog channel, ends the Active phase
        /// after its duration, and requests the closed-loop emitter mask as a lease). Allocation-free.
        /// </summary>
        public void Tick(long nowMicroseconds)
        {
            Monitor.Enter(_sync);
            try
            {
                _lastNow = nowMicroseconds;
                _supervisor.CheckIn(WatchdogChannel.ControlLoop, nowMicroseconds);
                Synchronise();
                if (_phase != ChamberState.Active)
                {
                    return;
                }

                if (nowMicroseconds - _activeSince >= _profile.DurationMilliseconds * 1000L)
                {
                    _phase = ChamberState.Completed;
                    _intensity.Reset();
                    _supervisor.Disarm(nowMicroseconds);
                    return;
                }

                _intensity.Step(_supervisor.Count, nowMicroseconds);
                _supervisor.RequestEmitters(_intensity.Mask, ControlLeaseMilliseconds, nowMicroseconds);
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }

        public void OnHeartbeat(long nowMicroseconds)
        {
            _supervisor.OnHeartbeat(nowMicroseconds);
        }

        public void OnLinkDown(long nowMicroseconds)
        {
            _supervisor.OnLinkDown(nowMicroseconds);
        }

        public CommandResult Arm(TreatmentProfile profile, long nowMicroseconds, out ProfileField rejectedField)
        {
            rejectedField = ProfileField.None;
            Monitor.Enter(_sync);
            try
            {
                _lastNow = nowMicroseconds;
                if (!_provisioning.IsProvisioned)
                {
                    return CommandResult.NotProvisioned;
                }

                Synchronise();
                ChamberState state = CurrentState();
                if (state == ChamberState.SafeStop)
                {
                    return CommandResult.SafeStopLatched;
                }

                if (_arming || (state != ChamberState.Idle && state != ChamberState.Completed))
                {
                    return CommandResult.InvalidState;
                }

                if (!TreatmentProfileValidator.Validate(profile, out rejectedField, out string reason))
                {
                    _lastRejectionReason = reason;
                    return CommandResult.ProfileRejected;
                }

                _lastRejectionReason = null;
                CutReasons blocking = _supervisor.BeginArm(
                    profile.CountLimit, profile.GrowthLimitPermillePerSecond, profile.MaxActiveChannels, nowMicroseconds);
                if ((blocking & CutReasons.LinkLost) != 0)
                {
                    return CommandResult.LinkNotHealthy;
                }

                if (blocking != CutReasons.None)
                {
                    return CommandResult.SelfTestFailed;
                }

                CopyProfile(profile);
                _phase = ChamberState.Idle;
                _arming = true;
                return CommandResult.Ok;
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }

        public CommandResult Start(long nowMicroseconds)
        {
            Monitor.Enter(_sync);
            try
            {
                _lastNow = nowMicroseconds;
                Synchronise();
                ChamberState state = CurrentState();
                if (state == ChamberState.SafeStop)
                {
                    return CommandResult.SafeStopLatched;
                }

                if (state != ChamberState.Armed)
                {
                    return CommandResult.InvalidState;
                }

                _phase = ChamberState.Active;
                _activeSince = nowMicroseconds;
                _intensity.Start(_profile);
                return CommandResult.Ok;
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }

        /// <summary>Stopping is always accepted outside SafeStop: Active ends as Completed, the rest goes Idle.</summary>
        public CommandResult Stop(long nowMicroseconds)
        {
            Monitor.Enter(_sync);
            try
            {
                _lastNow = nowMicroseconds;
                Synchronise();
                ChamberState state = CurrentState();
                if (state == ChamberState.SafeStop)
                {
                    return CommandResult.SafeStopLatched;
                }

                _supervisor.Disarm(nowMicroseconds);
                _intensity.Reset();
                _arming = false;
                _phase = state == ChamberState.Active ? ChamberState.Completed : ChamberState.Idle;
                return CommandResult.Ok;
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }

        public CommandResult ClearFault(long nowMicroseconds, out CutReasons stillPresent)
        {
            stillPresent = CutReasons.None;
            Monitor.Enter(_sync);
            try
            {
                _lastNow = nowMicroseconds;
                Synchronise();
                if (CurrentState() != ChamberState.SafeStop)
                {
                    return CommandResult.InvalidState;
                }

                if (!_supervisor.TryClear(nowMicroseconds, out stillPresent))
                {
                    return CommandResult.ClearRefused;
                }

                _phase = ChamberState.Idle;
                _arming = false;
                _intensity.Reset();
                return CommandResult.Ok;
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }

        /// <summary>Accepted only in Idle or Completed (never under an armed session).</summary>
        public CommandResult ApplySettings(ChamberSettings settings, out SettingsField rejectedField)
        {
            rejectedField = SettingsField.None;
            Monitor.Enter(_sync);
            try
            {
                Synchronise();
                ChamberState state = CurrentState();
                if (state == ChamberState.SafeStop)
                {
                    return CommandResult.SafeStopLatched;
                }

                if (_arming || (state != ChamberState.Idle && state != ChamberState.Completed))
                {
                    return CommandResult.InvalidState;
                }

                if (!SafetySettingsValidator.Validate(settings, out rejectedField))
                {
                    return CommandResult.SettingsRejected;
                }

                return _supervisor.TryApplySettings(settings, out rejectedField) ? CommandResult.Ok : CommandResult.InvalidState;
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }

        public void FillStatus(ChamberStatus status)
        {
            Monitor.Enter(_sync);
            try
            {
                Synchronise();
                ChamberState state = CurrentState();
                _supervisor.FillStatus(status);
                status.State = state;
                status.UptimeMicroseconds = _lastNow;
                status.CountLimit = _hasProfile ? _profile.CountLimit : HardLimits.CountCeiling;
                status.TargetCount = _hasProfile ? _profile.TargetCount : 0;
                long remaining = 0;
                if (state == ChamberState.Active)
                {
                    remaining = (_activeSince + _profile.DurationMilliseconds * 1000L - _lastNow) / 1000;
                    if (remaining < 0)
                    {
                        remaining = 0;
                    }
                }

                status.RemainingMilliseconds = (int)remaining;
                status.Provisioned = _provisioning.IsProvisioned;
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }

        /// <summary>Follows the supervisor: a cut ends the session; a passed self-test arms it.</summary>
        private void Synchronise()
        {
            SupervisorMode mode = _supervisor.Mode;
            if (mode == SupervisorMode.SafeStop)
            {
                if (_phase != ChamberState.SafeStop)
                {
                    _intensity.Reset();
                }

                _phase = ChamberState.SafeStop;
                _arming = false;
                return;
            }

            if (_arming && mode == SupervisorMode.Ready)
            {
                _arming = false;
                _phase = ChamberState.Armed;
                return;
            }

            if (mode == SupervisorMode.Idle && (_arming || _phase == ChamberState.Armed || _phase == ChamberState.Active || _phase == ChamberState.SafeStop))
            {
                // Disarmed or cleared underneath us: nothing is armed any more.
                _arming = false;
                _phase = ChamberState.Idle;
            }
        }

        private ChamberState CurrentState()
        {
            return _phase;
        }

        private void CopyProfile(TreatmentProfile profile)
        {
            _profile.TargetCount = profile.TargetCount;
            _profile.CountLimit = profile.CountLimit;
            _profile.GrowthLimitPermillePerSecond = profile.GrowthLimitPermillePerSecond;
            _profile.DurationMilliseconds = profile.DurationMilliseconds;
            _profile.RampChannelsPerSecond = profile.RampChannelsPerSecond;
            _profile.MaxActiveChannels = profile.MaxActiveChannels;
            _hasProfile = true;
        }
    }
}
