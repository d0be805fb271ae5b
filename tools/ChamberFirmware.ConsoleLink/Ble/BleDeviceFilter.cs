using System;

namespace ChamberFirmware.ConsoleLink.Ble;

/// <summary>
/// The chamber a <c>ble:</c> target means: <c>ble:AA:BB:CC:DD:EE:FF</c> (its address),
/// <c>ble:name=Chamber CH-0001</c> (its advertised name, exactly) or <c>ble:serial=CH-0001</c>
/// (the serial in its advertised name "Chamber SERIAL"; an unprovisioned board advertises
/// "Chamber unprovisioned", see <see cref="ChamberAdvertisement"/>).
/// </summary>
public sealed record BleDeviceFilter(BleDeviceFilterKind Kind, string Value)
{
    public const string Prefix = "ble:";

    /// <summary>Parses the text after "ble:"; FormatException naming what is wrong.</summary>
    public static BleDeviceFilter Parse(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        string rest = target.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? target.Substring(Prefix.Length) : target;
        if (rest.StartsWith("name=", StringComparison.OrdinalIgnoreCase))
        {
            return new BleDeviceFilter(BleDeviceFilterKind.Name, NonEmpty(rest.Substring(5), "name", target));
        }

        if (rest.StartsWith("serial=", StringComparison.OrdinalIgnoreCase))
        {
            return new BleDeviceFilter(BleDeviceFilterKind.Serial, NonEmpty(rest.Substring(7), "serial", target));
        }

        if (BleAddress.TryParse(rest, out string? address))
        {
            return new BleDeviceFilter(BleDeviceFilterKind.Address, address);
        }

        throw new FormatException("target " + target + " is not understood: use ble:AA:BB:CC:DD:EE:FF, ble:name=NAME or ble:serial=SERIAL");
    }

    /// <summary>Whether an advertising chamber is the one meant.</summary>
    public bool Matches(BleAdvertisedChamber chamber) => Kind switch
    {
        BleDeviceFilterKind.Address => string.Equals(chamber.Address, Value, StringComparison.OrdinalIgnoreCase),
        BleDeviceFilterKind.Name => string.Equals(chamber.Name, Value, StringComparison.Ordinal),
        _ => string.Equals(chamber.Serial, Value, StringComparison.Ordinal),
    };

    public override string ToString() => Prefix + Kind switch
    {
        BleDeviceFilterKind.Address => Value,
        BleDeviceFilterKind.Name => "name=" + Value,
        _ => "serial=" + Value,
    };

    private static string NonEmpty(string value, string what, string target)
    {
        if (value.Trim().Length == 0)
        {
            throw new FormatException("target " + target + " has an empty " + what + ": use ble:" + what + "=VALUE");
        }

        return value;
    }
}
