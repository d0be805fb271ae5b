using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;

namespace ChamberFirmware.Core.Diagnostics
{
    /// <summary>
    /// The fields of a published status the diagnostics payloads are built from. Copied field by
    /// field (no allocation) from a <see cref="ChamberStatus"/> by the publisher and into a reader's
    /// own instance by <see cref="PublishedSnapshot.TryCopy"/>.
    /// </summary>
    public sealed class DiagnosticsSnapshot
    {
        public ChamberState State;
        public CutReasons LatchedReasons;
        public CutReasons LastCutReasons;
        public long UptimeMicroseconds;
        public int Count;
        public int GrowthPermillePerSecond;
        public int ActiveEmitterMask;
        public int LinkAgeMilliseconds;
        public int TemperatureCentiCelsius;
        public int CountLimit;
        public int TargetCount;
        public int RemainingMilliseconds;
        public bool Provisioned;

        public void CopyFrom(ChamberStatus status)
        {
            State = status.State;
            LatchedReasons = status.LatchedReasons;
            LastCutReasons = status.LastCutReasons;
            UptimeMicroseconds = status.UptimeMicroseconds;
            Count = status.Count;
            GrowthPermillePerSecond = status.GrowthPermillePerSecond;
            ActiveEmitterMask = status.ActiveEmitterMask;
            LinkAgeMilliseconds = status.LinkAgeMilliseconds;
            TemperatureCentiCelsius = status.TemperatureCentiCelsius;
            CountLimit = status.CountLimit;
            TargetCount = status.TargetCount;
            RemainingMilliseconds = status.RemainingMilliseconds;
            Provisioned = status.Provisioned;
        }

        public void CopyFrom(DiagnosticsSnapshot other)
        {
            State = other.State;
            LatchedReasons = other.LatchedReasons;
            LastCutReasons = other.LastCutReasons;
            UptimeMicroseconds = other.UptimeMicroseconds;
            Count = other.Count;
            GrowthPermillePerSecond = other.GrowthPermillePerSecond;
            ActiveEmitterMask = other.ActiveEmitterMask;
            LinkAgeMilliseconds = other.LinkAgeMilliseconds;
            TemperatureCentiCelsius = other.TemperatureCentiCelsius;
            CountLimit = other.CountLimit;
            TargetCount = other.TargetCount;
            RemainingMilliseconds = other.RemainingMilliseconds;
            Provisioned = other.Provisioned;
        }
    }
}
