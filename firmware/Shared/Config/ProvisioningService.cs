using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Safety;

namespace ChamberFirmware.Core.Config
{
    /// <summary>
    /// The device side of provisioning, driven by the link layer (which has already checked who may
    /// call: physical presence from the factory state, the current link key otherwise). Everything
    /// is staged on a copy; Commit writes identity, key and settings as one record through
    /// <see cref="ConfigStore"/>. Abort, an error, or a session that never commits (power cut,
    /// link lost) leaves the previous configuration in force. Rules enforced here:
    /// <list type="bullet">
    /// <item>from the factory state a commit needs an identity AND a link key: no half-provisioned board;</item>
    /// <item>the identity is written once, from the factory state; afterwards it can only be restaged unchanged;</item>
    /// <item>settings are checked against their hard bounds and the first bad field is named;</item>
    /// <item>the staged key is wiped on commit, abort and every new Begin.</item>
    /// </list>
    /// </summary>
    public sealed class ProvisioningService : IProvisioningTarget
    {
        private readonly ConfigStore _store;
        private readonly ConfigRecord _staged = new ConfigRecord();
        private readonly ChamberSettings _settingsScratch = new ChamberSettings();
        private bool _sessionOpen;
        private bool _identityStaged;
        private bool _keyStaged;

        public ProvisioningService(ConfigStore store)
        {
            _store = store;
            LastCommitStatus = ConfigCommitStatus.Ok;
        }

        /// <summary>True while no link key is in force (fresh board, or a store found corrupt at boot).</summary>
        public bool IsFactoryState => !_store.IsProvisioned;

        /// <summary>True between Begin and Commit/Abort.</summary>
        public bool IsSessionOpen => _sessionOpen;

        /// <summary>Storage outcome of the last Commit (tells StorageFailed apart: write refused or read-back mismatch).</summary>
        public ConfigCommitStatus LastCommitStatus { get; private set; }

        public CommandResult Begin()
        {
            Wipe();
            if (!_store.CopyActiveTo(_staged))
            {
                _staged.Clear();
            }

            _sessionOpen = true;
            return CommandResult.Ok;
        }

        public CommandResult StageIdentity(string serialNumber, string hardwareRevision)
        {
            if (!_sessionOpen)
            {
                return CommandResult.InvalidState;
            }

            if (!ConfigRecordCodec.IsValidIdentityText(serialNumber, ConfigRecord.MaxSerialNumberLength)
                || !ConfigRecordCodec.IsValidIdentityText(hardwareRevision, ConfigRecord.MaxHardwareRevisionLength))
            {
                return CommandResult.Malformed;
            }

            if (!IsFactoryState && (serialNumber != _store.SerialNumber || hardwareRevision != _store.HardwareRevision))
            {
                // A provisioned controller keeps the identity it was recorded with.
                return CommandResult.ProvisioningRefused;
            }

            _staged.SerialNumber = serialNumber;
            _staged.HardwareRevision = hardwareRevision;
            _identityStaged = true;
            return CommandResult.Ok;
        }

        public CommandResult StageLinkKey(byte[] key, int offset, int count)
        {
            if (!_sessionOpen)
            {
                return CommandResult.InvalidState;
            }

            if (key == null || count != ConfigRecord.LinkKeyLength || offset < 0 || offset > key.Length - count)
            {
                return CommandResult.Malformed;
            }

            int nonZero = 0;
            for (int i = offset; i < offset + count; i++)
            {
                nonZero |= key[i];
            }

            if (nonZero == 0)
            {
                // All zeros is how "no key" is stored: never accept it as a key.
                return CommandResult.Malformed;
            }

            _staged.SetLinkKey(key, offset);
            _keyStaged = true;
            return CommandResult.Ok;
        }

        public CommandResult StageSettings(ChamberSettings settings, out SettingsField rejectedField)
        {
            rejectedField = SettingsField.None;
            if (!_sessionOpen)
            {
                return CommandResult.InvalidState;
            }

            if (settings == null)
            {
                return CommandResult.Malformed;
            }

            // Validate a private copy: the caller's object could change after this returns.
            _settingsScratch.LinkTimeoutMilliseconds = settings.LinkTimeoutMilliseconds;
            _settingsScratch.OverTemperatureCentiCelsius = settings.OverTemperatureCentiCelsius;
            _settingsScratch.RearmCountPermille = settings.RearmCountPermille;
            _settingsScratch.RearmHeartbeats = settings.RearmHeartbeats;
            _settingsScratch.CounterGainPermille = settings.CounterGainPermille;
            _settingsScratch.TemperatureOffsetCentiCelsius = settings.TemperatureOffsetCentiCelsius;
            SafetySettingsValidator.Validate(_settingsScratch, out rejectedField);
            if (rejectedField != SettingsField.None)
            {
                return CommandResult.SettingsRejected;
            }

            _staged.CopySettingsFrom(_settingsScratch);
            return CommandResult.Ok;
        }

        public CommandResult Commit()
        {
            if (!_sessionOpen)
            {
                return CommandResult.InvalidState;
            }

            if (IsFactoryState && (!_identityStaged || !_keyStaged))
            {
                // Nothing half-done: a factory board gets identity and key in one record or nothing.
                Wipe();
                return CommandResult.InvalidState;
            }

            LastCommitStatus = _store.Commit(_staged);
            Wipe();
            switch (LastCommitStatus)
            {
                case ConfigCommitStatus.Ok:
                    return CommandResult.Ok;
                case ConfigCommitStatus.InvalidRecord:
                    return CommandResult.Malformed;
                default:
                    return CommandResult.StorageFailed;
            }
        }

        public void Abort()
        {
            Wipe();
        }

        private void Wipe()
        {
            _staged.Clear();
            _sessionOpen = false;
            _identityStaged = false;
            _keyStaged = false;
        }
    }
}
