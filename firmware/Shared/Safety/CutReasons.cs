using System;

namespace ChamberFirmware.Core.Safety
{
    /// <summary>
    /// Why the safety supervisor cut nanobot activation. Flags: one cut can have several causes,
    /// and a latched SafeStop keeps all of them until an accepted clear. Values are wire-stable
    /// (link protocol, BLE diagnostics, event log): never renumber, only add.
    /// </summary>
    [Flags]
    public enum CutReasons : ushort
    {
        None = 0,
        /// <summary>Nanobot count at or above the treatment's limit or the hard ceiling.</summary>
        Overcount = 1 << 0,
        /// <summary>Growth rate beyond the limit: runaway replication, cut before the count limit.</summary>
        RunawayGrowth = 1 << 1,
        /// <summary>No fresh valid sample, bus or CRC error, frozen sequence, implausible value.</summary>
        SensorFault = 1 << 2,
        /// <summary>No valid authenticated heartbeat from the bound console in time, or disconnect.</summary>
        LinkLost = 1 << 3,
        /// <summary>Emitter read-back disagrees with the command.</summary>
        EmitterMismatch = 1 << 4,
        OverTemperature = 1 << 5,
        /// <summary>The supervisor's own tick ran late beyond its bound.</summary>
        SupervisorOverrun = 1 << 6,
        /// <summary>A watchdog channel (control, sensor or link loop) missed its check-in.</summary>
        WatchdogChannel = 1 << 7,
        /// <summary>The cut-path self-test failed: outputs or interlock did not go off when told.</summary>
        SelfTestFailed = 1 << 8,
        /// <summary>The stored configuration is missing or corrupt.</summary>
        ConfigurationInvalid = 1 << 9,
    }
}
