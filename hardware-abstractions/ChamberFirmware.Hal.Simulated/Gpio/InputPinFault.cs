namespace ChamberFirmware.Hal.Simulated.Gpio
{

/// <summary>How a simulated input line can lie.</summary>
public enum InputPinFault
{
    None,
    StuckLow,
    StuckHigh,
    /// <summary>Reads the line's echo source (for a readback: the enable line) instead of the signal.</summary>
    Echo,
}
}
