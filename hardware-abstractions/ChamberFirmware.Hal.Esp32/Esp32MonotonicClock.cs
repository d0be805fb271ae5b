using ChamberFirmware.Hal.Clock;
using nanoFramework.Hardware.Esp32;

namespace ChamberFirmware.Hal.Esp32
{
    /// <summary>
    /// <see cref="IMonotonicClock"/> over the ESP32 high-resolution timer (µs since boot, 64-bit:
    /// no wrap in the device's life). Signature: nanoframework/nanoFramework.Hardware.Esp32,
    /// nanoFramework.Hardware.Esp32/HighResTimer.cs (public static UInt64 GetCurrent()).
    /// </summary>
    public sealed class Esp32MonotonicClock : IMonotonicClock
    {
        public long NowMicroseconds => (long)HighResTimer.GetCurrent();
    }
}
