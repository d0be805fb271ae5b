using System;
using ChamberFirmware.Hal.Board;
using ChamberFirmware.Hal.Gpio;

namespace ChamberFirmware.Hal.Drivers.Provisioning
{
    /// <summary>
    /// The provisioning jumper: fitted means factory provisioning is allowed and a person is
    /// physically at the board (required for the first key install). Read it when the decision is
    /// made; never cache it.
    /// </summary>
    public sealed class ProvisioningJumper
    {
        private readonly IDigitalInput _input;

        public ProvisioningJumper(IDigitalInput input)
        {
            if (input == null)
            {
                throw new ArgumentNullException(nameof(input));
            }

            _input = input;
        }

        public bool IsFitted()
        {
            return _input.Read() == BoardPins.ProvisioningJumperFittedHigh;
        }
    }
}
