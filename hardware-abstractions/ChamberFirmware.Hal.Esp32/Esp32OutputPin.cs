using System.Device.Gpio;
using ChamberFirmware.Hal.Gpio;

namespace ChamberFirmware.Hal.Esp32
{
    /// <summary>
    /// <see cref="IDigitalOutput"/> over a nanoFramework GpioPin opened as an output.
    /// Signatures: nanoframework/System.Device.Gpio, System.Device.Gpio/GpioPin.cs
    /// (public void Write(PinValue value)) and PinValue.cs (PinValue.High / PinValue.Low).
    /// </summary>
    public sealed class Esp32OutputPin : IDigitalOutput
    {
        private readonly GpioPin _pin;

        public Esp32OutputPin(GpioPin pin)
        {
            _pin = pin;
        }

        public void Write(bool high)
        {
            _pin.Write(high ? PinValue.High : PinValue.Low);
        }
    }
}
