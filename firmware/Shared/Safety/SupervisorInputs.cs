using ChamberFirmware.Hal.Sensors;

namespace ChamberFirmware.Core.Safety
{
    /// <summary>
    /// Everything the supervisor looks at in one tick. One instance is owned by the runtime and
    /// refilled in place before every tick (no allocation). Fields, not properties: each property
    /// call is an interpreted method call on the device.
    /// </summary>
    public sealed class SupervisorInputs
    {
        /// <summary>Status of the latest counter read (any outcome, not only successful ones).</summary>
        public SensorReadStatus CounterStatus;

        /// <summary>Clock time of the latest counter read. A read counts as new when this changes.</summary>
        public long CounterReadMicroseconds;

        /// <summary>Raw nanobot count of the latest read (meaningful when CounterStatus is Ok).</summary>
        public int Count;

        /// <summary>Sample sequence number the counter chip reported with that read.</summary>
        public int CounterSequence;

        public SensorReadStatus TemperatureStatus;

        /// <summary>Clock time of the latest temperature read. A read counts as new when this changes.</summary>
        public long TemperatureReadMicroseconds;

        /// <summary>Raw chamber temperature, hundredths of a degree Celsius.</summary>
        public int TemperatureCentiCelsius;

        /// <summary>Emitter output lines as read back (one bit per channel).</summary>
        public int EmitterReadbackMask;

        /// <summary>Interlock power sense: true while the emitter bank is powered.</summary>
        public bool InterlockPowered;
    }
}
