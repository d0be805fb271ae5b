using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ChamberFirmware.ConsoleLink.Ble;

/// <summary>Bluetooth device addresses (AA:BB:CC:DD:EE:FF) and BlueZ's object path for one (…/dev_AA_BB_CC_DD_EE_FF).</summary>
public static class BleAddress
{
    /// <summary>Six hex octets separated by ':' (upper-cased on the way out); false for anything else.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out string? address)
    {
        address = null;
        string[] parts = text.Split(':');
        if (parts.Length != 6)
        {
            return false;
        }

        foreach (string part in parts)
        {
            if (part.Length != 2 || !byte.TryParse(part, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _))
            {
                return false;
            }
        }

        address = text.ToUpperInvariant();
        return true;
    }

    /// <summary>BlueZ's device object path under an adapter: /org/bluez/hci0 + /dev_AA_BB_CC_DD_EE_FF.</summary>
    public static string DevicePath(string adapterPath, string address) => adapterPath + "/dev_" + address.ToUpperInvariant().Replace(':', '_');
}
