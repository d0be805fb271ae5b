using ChamberFirmware.Core.Config;

namespace ChamberFirmware.Core.Link
{
    /// <summary>
    /// The GetIdentity answer: who the device is and what configuration it holds. Never the link
    /// key. Strings are printable ASCII, at most LinkProtocol.MaxIdentityLength characters.
    /// </summary>
    public sealed class LinkDeviceInfo
    {
        public string SerialNumber { get; set; } = string.Empty;

        public string HardwareRevision { get; set; } = string.Empty;

        public string FirmwareVersion { get; set; } = string.Empty;

        /// <summary>Generation of the configuration record in force (0 when none).</summary>
        public uint ConfigGeneration { get; set; }

        /// <summary>True when a valid configuration with a link key is stored.</summary>
        public bool Provisioned { get; set; }

        /// <summary>The stored settings (defaults when nothing valid is stored).</summary>
        public ChamberSettings Settings { get; } = new ChamberSettings();
    }
}
