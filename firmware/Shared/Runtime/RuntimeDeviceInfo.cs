using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Link;

namespace ChamberFirmware.Core.Runtime
{
    /// <summary>
    /// GetIdentity's source: identity, generation and settings of the configuration record in force
    /// (read from the store, so a provisioning commit shows at once), and the firmware version.
    /// </summary>
    public sealed class RuntimeDeviceInfo : ILinkDeviceInfo
    {
        private readonly ConfigStore _store;
        private readonly string _firmwareVersion;

        public RuntimeDeviceInfo(ConfigStore store, string firmwareVersion)
        {
            _store = store;
            _firmwareVersion = firmwareVersion == null || firmwareVersion.Length == 0 ? CoreInfo.VersionText : firmwareVersion;
        }

        public void FillDeviceInfo(LinkDeviceInfo info)
        {
            info.SerialNumber = _store.SerialNumber;
            info.HardwareRevision = _store.HardwareRevision;
            info.FirmwareVersion = _firmwareVersion;
            info.ConfigGeneration = _store.Generation;
            info.Provisioned = _store.IsProvisioned;
            _store.CopySettingsTo(info.Settings);
        }
    }
}
