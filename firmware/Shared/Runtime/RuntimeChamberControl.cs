using System.Threading;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Hal.Clock;

namespace ChamberFirmware.Core.Runtime
{
    /// <summary>
    /// What the link server drives: the treatment controller, with every accepted command written
    /// to the event log and counted. Decides nothing itself: results are the controller's. Commands
    /// and the control loop's step are serialised on one lock (<see cref="CommandLock"/>) so a Stop
    /// arriving while the loop completes the session is logged as exactly one of the two.
    /// </summary>
    public sealed class RuntimeChamberControl : IChamberControl
    {
        private readonly object _commandLock = new object();
        private readonly TreatmentController _controller;
        private readonly RuntimeEventRecorder _events;
        private readonly DiagnosticsCounters _counters;
        private readonly IMonotonicClock _clock;

        public RuntimeChamberControl(TreatmentController controller, RuntimeEventRecorder events, DiagnosticsCounters counters, IMonotonicClock clock)
        {
            _controller = controller;
            _clock = clock;
            _events = events;
            _counters = counters;
        }

        /// <summary>Taken by every command and by the control loop's step.</summary>
        public object CommandLock => _commandLock;

        public void OnHeartbeat(long nowMicroseconds)
        {
            _controller.OnHeartbeat(nowMicroseconds);
        }

        public void OnLinkDown(long nowMicroseconds)
        {
            // Logged by the supervisor step when the link state changes (one place for both causes).
            _controller.OnLinkDown(nowMicroseconds);
        }

        public CommandResult Arm(TreatmentProfile profile, long nowMicroseconds, out ProfileField rejectedField)
        {
            Monitor.Enter(_commandLock);
            try
            {
                CommandResult result = _controller.Arm(profile, nowMicroseconds, out rejectedField);
                if (result == CommandResult.Ok)
                {
                    _events.Record(DiagnosticsEventKind.Arm, CutReasons.None, nowMicroseconds);
                }

                return result;
            }
            finally
            {
                Monitor.Exit(_commandLock);
            }
        }

        public CommandResult Start(long nowMicroseconds)
        {
            Monitor.Enter(_commandLock);
            try
            {
                CommandResult result = _controller.Start(nowMicroseconds);
                if (result == CommandResult.Ok)
                {
                    _counters.CountSession();
                    _events.Record(DiagnosticsEventKind.Start, CutReasons.None, nowMicroseconds);
                }

                return result;
            }
            finally
            {
                Monitor.Exit(_commandLock);
            }
        }

        public CommandResult Stop(long nowMicroseconds)
        {
            Monitor.Enter(_commandLock);
            try
            {
                CommandResult result = _controller.Stop(nowMicroseconds);
                if (result == CommandResult.Ok)
                {
                    _events.Record(DiagnosticsEventKind.Stop, CutReasons.None, nowMicroseconds);
                }

                return result;
            }
            finally
            {
                Monitor.Exit(_commandLock);
            }
        }

        public CommandResult ClearFault(long nowMicroseconds, out CutReasons stillPresent)
        {
            Monitor.Enter(_commandLock);
            try
            {
                CommandResult result = _controller.ClearFault(nowMicroseconds, out stillPresent);
                if (result == CommandResult.Ok)
                {
                    _events.Record(DiagnosticsEventKind.Clear, CutReasons.None, nowMicroseconds);
                }

                return result;
            }
            finally
            {
                Monitor.Exit(_commandLock);
            }
        }

        public CommandResult ApplySettings(ChamberSettings settings, out SettingsField rejectedField)
        {
            Monitor.Enter(_commandLock);
            try
            {
                CommandResult result = _controller.ApplySettings(settings, out rejectedField);
                if (result == CommandResult.Ok)
                {
                    _events.Record(DiagnosticsEventKind.ConfigChange, CutReasons.None, _clock.NowMicroseconds);
                }

                return result;
            }
            finally
            {
                Monitor.Exit(_commandLock);
            }
        }

        public void FillStatus(ChamberStatus status)
        {
            _controller.FillStatus(status);
        }
    }
}
