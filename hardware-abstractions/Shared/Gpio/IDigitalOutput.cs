namespace ChamberFirmware.Hal.Gpio
{
    /// <summary>
    /// One push-pull output line. A write on the device costs hundreds of microseconds
    /// (nanoFramework GpioPin.Write), so drivers write only when the value changes.
    /// </summary>
    public interface IDigitalOutput
    {
        void Write(bool high);
    }
}
