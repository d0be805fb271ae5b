namespace ChamberFirmware.Core.Link
{
    /// <summary>
    /// Where the link server reads the committed per-device link key (the provisioning store
    /// implements it). Read at start and after every committed provisioning transaction.
    /// </summary>
    public interface ILinkKeySource
    {
        /// <summary>
        /// Copies the committed key to destination[offset..] and returns its length, or 0 when no
        /// key is stored (factory state) or it does not fit.
        /// </summary>
        int CopyLinkKey(byte[] destination, int offset);
    }
}
