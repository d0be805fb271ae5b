namespace ChamberFirmware.ConsoleLink.Ble;

/// <summary>
/// A chamber seen advertising during a scan: BlueZ device object, address, advertised name, RSSI
/// (dBm) and what the name says about provisioning (<see cref="ChamberAdvertisement"/>).
/// </summary>
public sealed record BleAdvertisedChamber(string DevicePath, string Address, string Name, short? Rssi)
{
    public string? Serial => ChamberAdvertisement.SerialFrom(Name);

    /// <summary>True/false from the advertised name; null when the name is not a chamber name.</summary>
    public bool? Provisioned => Name == ChamberAdvertisement.UnprovisionedName ? false : Serial is null ? null : true;
}
