namespace ChamberFirmware.Hal.Gpio
{
    /// <summary>
    /// The line that drives the interlock's charge pump / retriggerable hold circuit. The bank
    /// stays powered only while this line keeps changing; a toggle is the only operation, so no
    /// caller can hold it in a "powered" level.
    /// </summary>
    public interface IKeepAliveOutput
    {
        void Toggle();
    }
}
