using ChamberFirmware.Core.Link;

namespace ChamberFirmware.Device.NanoClr.Link
{
    /// <summary>The provisioning jumper, fitted or not as the test sets it.</summary>
    public sealed class FixedJumper : IProvisioningJumper
    {
        public bool Fitted;

        public bool IsFitted => Fitted;
    }
}
