namespace ChamberFirmware.Core.Safety
{
    /// <summary>
    /// The loops that must keep checking in (like Zephyr's task watchdog channels). The keep-alive
    /// toggles only while every channel is within its timeout.
    /// </summary>
    public enum WatchdogChannel : byte
    {
        ControlLoop = 0,
        SensorLoop = 1,
        LinkLoop = 2,
    }
}
