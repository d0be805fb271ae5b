namespace ChamberFirmware.Core.Diagnostics
{
    /// <summary>Decoded counters payload.</summary>
    public sealed class CountersPayload
    {
        public uint Sessions;
        public uint LinkLosses;
        public uint Resets;
        /// <summary>Cuts per CutReasons bit position.</summary>
        public readonly uint[] CutsByReasonBit = new uint[DiagnosticsCounters.SlotsPerKind];
        /// <summary>Sensor errors per SensorReadStatus value.</summary>
        public readonly uint[] SensorErrorsByStatus = new uint[DiagnosticsCounters.SlotsPerKind];
        /// <summary>Rejected link frames per reject-reason value.</summary>
        public readonly uint[] LinkRejectsByReason = new uint[DiagnosticsCounters.SlotsPerKind];
    }
}
