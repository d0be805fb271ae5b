namespace ChamberCtl.Release;

/// <summary>
/// The nanoCLR firmware every release is built, flashed and verified against: pinned in this one
/// place. Target ESP32_BLE_REV3 is the ESP32 image with Bluetooth LE (the diagnostics link needs it).
/// The deployment address is the start of the "deploy" partition of the nanoCLR 4 MB partition table
/// (nanoframework/nf-interpreter targets/ESP32/_IDF/esp32/partitions_nanoclr_4mb.csv:
/// "deploy, data, 0x84, 0x1D0000, 0x1D0000"). Changing the version is a release decision: confirm it
/// exists with `nanoff --listtargets --platform esp32` and re-run the hardware-in-the-loop tests.
/// </summary>
internal static class FirmwarePin
{
    public const string Target = "ESP32_BLE_REV3";

    public const string FirmwareVersion = "1.16.0.602";

    public const string Platform = "esp32";

    public const string DeploymentAddress = "0x1D0000";
}
