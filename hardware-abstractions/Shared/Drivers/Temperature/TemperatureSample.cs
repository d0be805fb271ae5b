namespace ChamberFirmware.Hal.Drivers.Temperature
{
    /// <summary>One temperature reading, owned and reused by the caller. Filled only by a read that returns Ok.</summary>
    public sealed class TemperatureSample
    {
        /// <summary>Chamber temperature in 0.01 °C.</summary>
        public int CentiCelsius { get; set; }

        /// <summary>Monotonic time the reading completed, µs.</summary>
        public long ReadTimeMicroseconds { get; set; }
    }
}
