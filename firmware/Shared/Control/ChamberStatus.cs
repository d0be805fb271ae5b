using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;

namespace ChamberFirmware.Core.Control
{
    /// <summary>
    /// A status snapshot, filled in place (reused, no allocation) for link status responses,
    /// telemetry and diagnostics.
    /// </summary>
    public sealed class ChamberStatus
    {
        public ChamberState State { get; set; }

        /// <summary>Reasons latched by the current SafeStop (None when not latched).</summary>
        public CutReasons LatchedReasons { get; set; }

        /// <summary>Reasons of the most recent cut, kept after a clear for diagnostics.</summary>
        public CutReasons LastCutReasons { get; set; }

        public long UptimeMicroseconds { get; set; }

        /// <summary>Latest valid nanobot count.</summary>
        public int Count { get; set; }

        /// <summary>Growth rate in per-mille per second (negative while decaying).</summary>
        public int GrowthPermillePerSecond { get; set; }

        /// <summary>Emitter channels commanded on, one bit per channel.</summary>
        public int ActiveEmitterMask { get; set; }

        /// <summary>Time since the last valid heartbeat, milliseconds (int.MaxValue before the first).</summary>
        public int LinkAgeMilliseconds { get; set; }

        public int TemperatureCentiCelsius { get; set; }

        public int CountLimit { get; set; }

        public int TargetCount { get; set; }

        /// <summary>Milliseconds left in the Active phase (0 outside it).</summary>
        public int RemainingMilliseconds { get; set; }

        public bool Provisioned { get; set; }
    }
}
