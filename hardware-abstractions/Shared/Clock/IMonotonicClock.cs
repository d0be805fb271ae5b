namespace ChamberFirmware.Hal.Clock
{
    /// <summary>
    /// A monotonic time source in microseconds since an arbitrary origin (boot on the device,
    /// zero in the simulator). Injected everywhere time matters so tests and the simulator
    /// control it; nothing in portable code reads the ambient clock.
    /// </summary>
    public interface IMonotonicClock
    {
        long NowMicroseconds { get; }
    }
}
