namespace ChamberFirmware.Core.Diagnostics
{
    /// <summary>
    /// What the chamber is: the Device Information Service strings, also served in the identity
    /// payload. Printable ASCII, at most <see cref="DiagnosticsPayloads.MaxIdentityFieldLength"/>
    /// characters each (longer text is cut, other characters become '?'). No patient data.
    /// </summary>
    public sealed class DiagnosticsIdentity
    {
        public string Manufacturer { get; set; } = string.Empty;

        public string Model { get; set; } = string.Empty;

        public string SerialNumber { get; set; } = string.Empty;

        public string HardwareRevision { get; set; } = string.Empty;

        public string FirmwareRevision { get; set; } = string.Empty;

        public string SoftwareRevision { get; set; } = string.Empty;
    }
}
