using ChamberFirmware.Core.Link;
using ChamberFirmware.Hal.Drivers.Provisioning;

namespace ChamberFirmware.Core.Runtime
{
    /// <summary>The link server's physical-presence check: the board's provisioning jumper input.</summary>
    public sealed class BoardProvisioningJumper : IProvisioningJumper
    {
        private readonly ProvisioningJumper _jumper;

        public BoardProvisioningJumper(ProvisioningJumper jumper)
        {
            _jumper = jumper;
        }

        public bool IsFitted => _jumper.IsFitted();
    }
}
