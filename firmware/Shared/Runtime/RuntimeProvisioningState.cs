using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Treatment;

namespace ChamberFirmware.Core.Runtime
{
    /// <summary>
    /// Whether the chamber may arm: a valid configuration with a link key is in force
    /// (ConfigStore.IsProvisioned) and its settings were accepted by the safety supervisor.
    /// </summary>
    public sealed class RuntimeProvisioningState : IProvisioningState
    {
        private readonly ConfigStore _store;
        private bool _settingsRejected;

        public RuntimeProvisioningState(ConfigStore store)
        {
            _store = store;
        }

        public bool IsProvisioned => _store.IsProvisioned && !_settingsRejected;

        /// <summary>Set when the stored settings fall outside the supervisor's hard bounds.</summary>
        public bool SettingsRejected
        {
            get { return _settingsRejected; }
            set { _settingsRejected = value; }
        }
    }
}
