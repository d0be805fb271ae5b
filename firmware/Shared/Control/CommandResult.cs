namespace ChamberFirmware.Core.Control
{
    /// <summary>
    /// The result code of every console command (carried in every link response). Wire-stable
    /// values: never renumber, only add.
    /// </summary>
    public enum CommandResult : byte
    {
        Ok = 0,
        /// <summary>The command is not allowed in the current session state.</summary>
        InvalidState = 1,
        /// <summary>A profile field is out of its hard bounds; the response names the field.</summary>
        ProfileRejected = 2,
        /// <summary>Settings out of hard bounds; the response names the field.</summary>
        SettingsRejected = 3,
        /// <summary>The cut-path self-test failed; the device stays unarmed.</summary>
        SelfTestFailed = 4,
        /// <summary>SafeStop is latched: nothing but an accepted clear leaves it.</summary>
        SafeStopLatched = 5,
        /// <summary>A clear was refused; the response names the conditions still present.</summary>
        ClearRefused = 6,
        /// <summary>No link key / no valid configuration: the device refuses to arm.</summary>
        NotProvisioned = 7,
        /// <summary>No valid heartbeat from the bound console yet (or not recently enough).</summary>
        LinkNotHealthy = 8,
        /// <summary>Provisioning refused (not in factory state and not authorised by the current key).</summary>
        ProvisioningRefused = 9,
        /// <summary>The frame or its payload was malformed.</summary>
        Malformed = 10,
        /// <summary>The message type is not known to this firmware.</summary>
        UnknownCommand = 11,
        /// <summary>Storage failed; the previous configuration is intact.</summary>
        StorageFailed = 12,
    }
}
