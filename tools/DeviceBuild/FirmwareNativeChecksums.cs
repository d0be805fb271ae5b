using System.Collections.Generic;

namespace DeviceBuild
{
    /// <summary>
    /// The native checksum the pinned nanoCLR firmware (ESP32_BLE_REV3 1.16.0) declares for each
    /// assembly with a native part. A .pe whose header (offset 0x14) declares another value fails the
    /// board's boot with "Invalid native checksum": catch it before a technician flashes.
    /// Source: nf-interpreter's native assembly tables for that line, as listed in the nanoFramework
    /// toolchain README (../shared/nanoframework/README.md, "pe/"); mscorlib's is the one the
    /// CoreLibrary 1.17.11 package's mscorlib.pe declares and the firmware implements.
    /// Purely managed assemblies declare 0 and load on any firmware.
    /// </summary>
    public static class FirmwareNativeChecksums
    {
        public const string FirmwareLine = "ESP32_BLE_REV3 1.16.0";

        public static readonly IReadOnlyDictionary<string, uint> Expected = new Dictionary<string, uint>
        {
            ["mscorlib"] = 0x1549C856,
            ["nanoFramework.Runtime.Events"] = 0x0EAB00C9,
            ["nanoFramework.Runtime.Native"] = 0x0EAE898B,
            ["System.Math"] = 0x9F9E2A7E,
            ["nanoFramework.System.Collections"] = 0x40DC251F,
            ["nanoFramework.System.Text"] = 0x8E6EB73D,
            ["System.Device.Gpio"] = 0x097E7BC5,
            ["System.Device.I2c"] = 0xFA806D33,
            ["nanoFramework.Hardware.Esp32"] = 0x6A20A689,
            ["System.IO.FileSystem"] = 0x1777E2FE,
            ["nanoFramework.Device.Bluetooth"] = 0xE610B405,
        };
    }
}
