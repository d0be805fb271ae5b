namespace ChamberFirmware.Hal.Simulated.Gpio
{
    /// <summary>The true level of a simulated line, read when the firmware reads the pin (a non-generic Func&lt;bool&gt;, for nanoFramework).</summary>
    public delegate bool SignalSource();
}
