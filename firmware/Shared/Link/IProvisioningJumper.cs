namespace ChamberFirmware.Core.Link
{
    /// <summary>
    /// The board's provisioning jumper (physical presence). The device app reads a GPIO input; the
    /// first key install is accepted only while it is fitted.
    /// </summary>
    public interface IProvisioningJumper
    {
        bool IsFitted { get; }
    }
}
