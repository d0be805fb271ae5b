namespace ChamberFirmware.Core.Link
{
    /// <summary>
    /// What GetIdentity reports: the identity, firmware version and settings of the configuration
    /// in force (the runtime implements it over its configuration store). Called under the link
    /// server's lock, so it never overlaps a provisioning commit.
    /// </summary>
    public interface ILinkDeviceInfo
    {
        /// <summary>Fills a caller-owned object in place.</summary>
        void FillDeviceInfo(LinkDeviceInfo info);
    }
}
