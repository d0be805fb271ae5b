using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;

namespace ChamberFirmware.Core.Diagnostics
{
    /// <summary>Decoded status payload (format in docs/ble-gatt.md).</summary>
    public sealed class StatusPayload
    {
        public ChamberState State;
        public bool Provisioned;
        public CutReasons LatchedReasons;
        public CutReasons LastCutReasons;
        public long UptimeMicroseconds;
        public int RemainingMilliseconds;
        public int CountLimit;
        public int TargetCount;
    }
}
