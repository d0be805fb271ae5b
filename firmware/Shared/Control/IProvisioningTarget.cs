using ChamberFirmware.Core.Config;

namespace ChamberFirmware.Core.Control
{
    /// <summary>
    /// Transactional provisioning, driven by the link layer. Everything is staged and takes effect
    /// only on Commit, which writes the whole record at once (version + CRC); an interruption or
    /// Abort leaves the previous configuration intact.
    /// Who may call: from the factory state (no link key yet) only while the board's provisioning
    /// jumper is fitted (physical presence); otherwise only with frames authenticated by the
    /// current link key. The link layer enforces that; this interface assumes it.
    /// </summary>
    public interface IProvisioningTarget
    {
        /// <summary>True while no link key is stored (fresh or corrupt store).</summary>
        bool IsFactoryState { get; }

        CommandResult Begin();

        CommandResult StageIdentity(string serialNumber, string hardwareRevision);

        CommandResult StageLinkKey(byte[] key, int offset, int count);

        CommandResult StageSettings(ChamberSettings settings, out SettingsField rejectedField);

        CommandResult Commit();

        void Abort();
    }
}
