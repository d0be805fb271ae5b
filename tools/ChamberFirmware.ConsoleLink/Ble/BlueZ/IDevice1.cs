using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tmds.DBus;

namespace ChamberFirmware.ConsoleLink.Ble.BlueZ;

/// <summary>
/// org.bluez.Device1 at /org/bluez/hciN/dev_XX_XX_XX_XX_XX_XX (BlueZ doc/org.bluez.Device.rst):
/// Connect(), Disconnect(), Pair(), CancelPairing(); properties Address, Name, Alias, UUIDs,
/// Paired, Bonded, Connected, ServicesResolved, RSSI, ... through org.freedesktop.DBus.Properties.
/// </summary>
[DBusInterface(BlueZNames.DeviceInterface)]
public interface IDevice1 : IDBusObject
{
    Task ConnectAsync();

    Task DisconnectAsync();

    Task PairAsync();

    Task CancelPairingAsync();

    Task<object> GetAsync(string prop);

    Task<IDictionary<string, object>> GetAllAsync();

    Task SetAsync(string prop, object val);

    Task<IDisposable> WatchPropertiesAsync(Action<PropertyChanges> handler);
}
