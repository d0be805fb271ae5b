namespace ChamberFirmware.Core.Link
{
    /// <summary>
    /// Frame types. Console→device types are below 0x80, device→console types 0x80 and above.
    /// Wire-stable: never renumber, only add (docs/protocol.md, message catalogue).
    /// </summary>
    public enum LinkMessageType : byte
    {
        /// <summary>Console→device, unauthenticated: console nonce; opens a pending handshake.</summary>
        Hello = 0x01,
        /// <summary>Console→device, authenticated under the pending session: binds it.</summary>
        SessionConfirm = 0x02,
        Heartbeat = 0x10,
        GetStatus = 0x11,
        /// <summary>Console→device, authenticated: identity, firmware version and stored settings (never the key).</summary>
        GetIdentity = 0x12,
        Arm = 0x20,
        Start = 0x21,
        Stop = 0x22,
        ClearFault = 0x23,
        SetSettings = 0x30,
        ProvisionBegin = 0x40,
        ProvisionIdentity = 0x41,
        ProvisionLinkKey = 0x42,
        ProvisionSettings = 0x43,
        ProvisionCommit = 0x44,
        ProvisionAbort = 0x45,
        /// <summary>Console→device, unauthenticated: provisional factory key (RAM only), factory state + jumper only.</summary>
        FactoryProvision = 0x70,

        /// <summary>Device→console: result of a command (authenticated).</summary>
        Response = 0x80,
        /// <summary>Device→console: device nonce, authenticated under the pending session.</summary>
        HelloChallenge = 0x81,
        /// <summary>Device→console: periodic status (authenticated).</summary>
        Telemetry = 0x90,
        /// <summary>Device→console, unauthenticated (zero tag): outcome of Hello without a key or of FactoryProvision.</summary>
        Notice = 0xF0,
    }
}
