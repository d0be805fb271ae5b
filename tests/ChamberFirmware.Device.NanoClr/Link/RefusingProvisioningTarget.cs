using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;

namespace ChamberFirmware.Device.NanoClr.Link
{
    /// <summary>A provisioned device's store as the link sees it: refuses every step and counts each call, so a test can show none arrived.</summary>
    public sealed class RefusingProvisioningTarget : IProvisioningTarget
    {
        public int Calls;

        public bool IsFactoryState => false;

        public CommandResult Begin() => Refuse();

        public CommandResult StageIdentity(string serialNumber, string hardwareRevision) => Refuse();

        public CommandResult StageLinkKey(byte[] key, int offset, int count) => Refuse();

        public CommandResult StageSettings(ChamberSettings settings, out SettingsField rejectedField)
        {
            rejectedField = SettingsField.None;
            return Refuse();
        }

        public CommandResult Commit() => Refuse();

        public void Abort() => Calls++;

        private CommandResult Refuse()
        {
            Calls++;
            return CommandResult.InvalidState;
        }
    }
}
