namespace ChamberFirmware.Core.Diagnostics
{
    /// <summary>What an event-log record records. Wire-stable values (BLE event log): never renumber, only add.</summary>
    public enum DiagnosticsEventKind : byte
    {
        None = 0,
        /// <summary>The supervisor cut activation; the record's reasons say why.</summary>
        Cut = 1,
        /// <summary>An accepted clear of a latched SafeStop.</summary>
        Clear = 2,
        Arm = 3,
        Start = 4,
        Complete = 5,
        /// <summary>An operator stop (not a fault).</summary>
        Stop = 6,
        ConfigChange = 7,
        LinkLost = 8,
        LinkRestored = 9,
        /// <summary>The controller started (power-on or reset).</summary>
        Reset = 10,
        SensorFault = 11,
    }
}
