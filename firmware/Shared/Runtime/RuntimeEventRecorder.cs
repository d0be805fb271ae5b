using System.Threading;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;

namespace ChamberFirmware.Core.Runtime
{
    /// <summary>
    /// Appends event-log records with a status snapshot taken at that moment, for the link and
    /// control threads (the supervisor thread records through its own scratch status, so it never
    /// waits on this lock). Allocation-free.
    /// </summary>
    public sealed class RuntimeEventRecorder
    {
        private readonly object _sync = new object();
        private readonly TreatmentController _controller;
        private readonly DiagnosticsService _diagnostics;
        private readonly ChamberStatus _status = new ChamberStatus();

        public RuntimeEventRecorder(TreatmentController controller, DiagnosticsService diagnostics)
        {
            _controller = controller;
            _diagnostics = diagnostics;
        }

        /// <summary>Records <paramref name="kind"/> at <paramref name="nowMicroseconds"/> with the chamber's current status.</summary>
        public void Record(DiagnosticsEventKind kind, CutReasons reasons, long nowMicroseconds)
        {
            Monitor.Enter(_sync);
            try
            {
                _controller.FillStatus(_status);
                _status.UptimeMicroseconds = nowMicroseconds;
                _diagnostics.AppendEvent(kind, reasons, _status);
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }

        /// <summary>The controller's state now (for transition checks by the caller).</summary>
        public ChamberState State => _controller.State;
    }
}
