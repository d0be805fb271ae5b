namespace ChamberFirmware.Hal.Gpio
{
    /// <summary>One input line: a read-back sense line, the interlock power sense, a button.</summary>
    public interface IDigitalInput
    {
        bool Read();
    }
}
