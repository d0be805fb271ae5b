using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;

namespace ChamberFirmware.Core.Runtime
{
    /// <summary>
    /// The link server's provisioning target: the provisioning service, plus the one thing a
    /// committed configuration must trigger — the runtime puts the new settings in force and logs
    /// the change (the link server reloads the key itself after a successful commit).
    /// </summary>
    public sealed class RuntimeProvisioningTarget : IProvisioningTarget
    {
        private readonly ProvisioningService _service;
        private readonly ChamberRuntime _runtime;

        public RuntimeProvisioningTarget(ProvisioningService service, ChamberRuntime runtime)
        {
            _service = service;
            _runtime = runtime;
        }

        public bool IsFactoryState => _service.IsFactoryState;

        public CommandResult Begin()
        {
            return _service.Begin();
        }

        public CommandResult StageIdentity(string serialNumber, string hardwareRevision)
        {
            return _service.StageIdentity(serialNumber, hardwareRevision);
        }

        public CommandResult StageLinkKey(byte[] key, int offset, int count)
        {
            return _service.StageLinkKey(key, offset, count);
        }

        public CommandResult StageSettings(ChamberSettings settings, out SettingsField rejectedField)
        {
            return _service.StageSettings(settings, out rejectedField);
        }

        public CommandResult Commit()
        {
            CommandResult result = _service.Commit();
            if (result == CommandResult.Ok)
            {
                _runtime.OnConfigurationCommitted();
            }

            return result;
        }

        public void Abort()
        {
            _service.Abort();
        }
    }
}
