using ChamberFirmware.Core.Safety;

namespace ChamberFirmware.Core.Runtime
{
    /// <summary>
    /// Periods of the runtime's loops. The supervisor period is the hard limit; the others are
    /// chosen to sit well inside the watchdog-channel timeouts (SafetyTiming) so a healthy loop
    /// never trips them.
    /// </summary>
    public static class RuntimeTiming
    {
        /// <summary>SupervisorStep period (sensor read, supervisor tick, outputs).</summary>
        public const int SupervisorPeriodMilliseconds = HardLimits.SupervisorPeriodMilliseconds;

        /// <summary>ControlStep period: well inside the 100 ms control channel timeout and the 100 ms lease.</summary>
        public const int ControlPeriodMilliseconds = 20;

        /// <summary>Telemetry period of the link loop (LinkPump runs every 20 ms and checks in every period).</summary>
        public const int TelemetryPeriodMilliseconds = 100;

        /// <summary>Diagnostics status published every this many supervisor ticks (10 Hz ≥ the 5 Hz the BLE notify needs).</summary>
        public const int PublishEveryTicks = 10;

        /// <summary>The temperature sensor converts every 15.5 ms and is slow to change: read it every 50 ms.</summary>
        public const int TemperatureEveryTicks = 5;

        /// <summary>A sensor that failed to initialise is retried this often (ticks).</summary>
        public const int SensorInitRetryTicks = 10;
    }
}
