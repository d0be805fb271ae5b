namespace ChamberFirmware.Core
{
    /// <summary>Identity of the controller core build, reported over the link and BLE.</summary>
    public static class CoreInfo
    {
        /// <summary>Firmware version of the portable core (major, minor, patch).</summary>
        public const int VersionMajor = 0;
        public const int VersionMinor = 1;
        public const int VersionPatch = 0;

        public static string VersionText => VersionMajor.ToString() + "." + VersionMinor.ToString() + "." + VersionPatch.ToString();
    }
}
