namespace ChamberFirmware.ConsoleLink.Ble;

/// <summary>How a <c>ble:</c> target picks its chamber.</summary>
public enum BleDeviceFilterKind
{
    Address,
    Name,
    Serial,
}
