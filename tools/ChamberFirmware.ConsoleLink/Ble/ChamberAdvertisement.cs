using System;
using ChamberFirmware.Core.Diagnostics;

namespace ChamberFirmware.ConsoleLink.Ble;

/// <summary>
/// What a chamber shows over the air (docs/ble-gatt.md): the advertised diagnostics service UUID
/// and the device name "Chamber SERIAL" — "Chamber unprovisioned" on a board without a serial
/// (firmware/ChamberFirmware.App.Esp32/Program.cs, StartBluetooth). The advertisement carries no
/// provisioned flag: "provisioned" is derived from that name as of the board's last start-up.
/// The control service and its frame characteristic (firmware ControlGattService) carry link
/// frames, one per write and one per notification.
/// </summary>
public static class ChamberAdvertisement
{
    public const string NamePrefix = "Chamber ";
    public const string UnprovisionedName = NamePrefix + "unprovisioned";

    public const string ControlServiceUuid = "6c1f0001-3b52-4f7e-9d2a-1c0a5e7d9b40";
    public const string FrameCharacteristicUuid = "6c1f0002-3b52-4f7e-9d2a-1c0a5e7d9b40";

    /// <summary>
    /// The ATT MTU the board offers: nanoFramework's ESP32 BLE builds leave NimBLE's preferred MTU at
    /// the ESP-IDF default (CONFIG_BT_NIMBLE_ATT_PREFERRED_MTU = 256) and never call
    /// ble_att_set_preferred_mtu, so the exchange with BlueZ (517) settles on 256 (docs/ble-gatt.md).
    /// </summary>
    public const int BoardMtu = 256;

    /// <summary>
    /// The largest link frame one write or notification carries: the board's MTU less the 3-byte ATT
    /// header. Below LinkProtocol.MaxFrameSize (256, the wire format's ceiling); every frame link
    /// version 1 defines is smaller (largest: the identity response, 163 bytes).
    /// </summary>
    public const int MaxFrameSize = BoardMtu - 3;

    /// <summary>The ATT MTU a link needs: anything below the board's own cannot carry every frame in one PDU.</summary>
    public const int MinimumMtu = MaxFrameSize + 3;

    public static string DiagnosticsServiceUuid => DiagnosticsCharacteristic.ServiceUuid;

    /// <summary>The name a board advertises for a serial number ("" = not provisioned).</summary>
    public static string NameFor(string serial) => serial.Length > 0 ? NamePrefix + serial : UnprovisionedName;

    /// <summary>The serial in an advertised name, or null for an unprovisioned or foreign name.</summary>
    public static string? SerialFrom(string? name) =>
        name is not null && name.StartsWith(NamePrefix, StringComparison.Ordinal) && name != UnprovisionedName && name.Length > NamePrefix.Length
            ? name.Substring(NamePrefix.Length)
            : null;
}
