using System;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Core.Link;

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

    /// <summary>ATT MTU needed for one maximum frame per write/notification (3 bytes of ATT header).</summary>
    public const int MinimumMtu = LinkProtocol.MaxFrameSize + 3;

    public static string DiagnosticsServiceUuid => DiagnosticsCharacteristic.ServiceUuid;

    /// <summary>The name a board advertises for a serial number ("" = not provisioned).</summary>
    public static string NameFor(string serial) => serial.Length > 0 ? NamePrefix + serial : UnprovisionedName;

    /// <summary>The serial in an advertised name, or null for an unprovisioned or foreign name.</summary>
    public static string? SerialFrom(string? name) =>
        name is not null && name.StartsWith(NamePrefix, StringComparison.Ordinal) && name != UnprovisionedName && name.Length > NamePrefix.Length
            ? name.Substring(NamePrefix.Length)
            : null;
}
