using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;

namespace ChamberFirmware.Core.Diagnostics
{
    /// <summary>
    /// One event-log record: the event and the supervisor's snapshot when it happened. Filled in
    /// place (reused) by readers and decoders; the log itself stores records in parallel arrays.
    /// </summary>
    public sealed class DiagnosticsEventRecord
    {
        /// <summary>Sequence number: 0 for the first event since start-up, +1 per event.</summary>
        public uint Sequence { get; set; }

        public long TimeMicroseconds { get; set; }

        public DiagnosticsEventKind Kind { get; set; }

        /// <summary>Chamber state after the event.</summary>
        public ChamberState State { get; set; }

        public CutReasons Reasons { get; set; }

        public int Count { get; set; }

        public int GrowthPermillePerSecond { get; set; }

        public int LinkAgeMilliseconds { get; set; }

        public int TemperatureCentiCelsius { get; set; }

        public int EmitterMask { get; set; }
    }
}
