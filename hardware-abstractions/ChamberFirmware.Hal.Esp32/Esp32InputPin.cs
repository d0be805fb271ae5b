using System.Device.Gpio;
using ChamberFirmware.Hal.Gpio;

namespace ChamberFirmware.Hal.Esp32
{
    /// <summary>
    /// <see cref="IDigitalInput"/> over a nanoFramework GpioPin opened as an input.
    /// Signature: nanoframework/System.Device.Gpio, System.Device.Gpio/GpioPin.cs
    /// (public extern PinValue Read(); PinValue supports ==).
    /// </summary>
    public sealed class Esp32InputPin : IDigitalInput
    {
        private readonly GpioPin _pin;

        public Esp32InputPin(GpioPin pin)
        {
            _pin = pin;
        }

        public bool Read()
        {
            return _pin.Read() == PinValue.High;
        }
    }
}
