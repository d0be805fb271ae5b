namespace ChamberFirmware.Core.Treatment
{
    /// <summary>Whether the device holds a link key (and valid configuration). Unprovisioned devices never arm.</summary>
    public interface IProvisioningState
    {
        bool IsProvisioned { get; }
    }
}
