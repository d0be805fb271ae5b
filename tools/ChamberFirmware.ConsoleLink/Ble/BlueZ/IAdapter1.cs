using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tmds.DBus;

namespace ChamberFirmware.ConsoleLink.Ble.BlueZ;

/// <summary>
/// org.bluez.Adapter1 at /org/bluez/hciN (BlueZ doc/org.bluez.Adapter.rst): StartDiscovery(),
/// StopDiscovery(), SetDiscoveryFilter(a{sv}), RemoveDevice(o); properties Address, Name, Alias,
/// Powered, Discovering, ... through org.freedesktop.DBus.Properties.
/// </summary>
[DBusInterface(BlueZNames.AdapterInterface)]
public interface IAdapter1 : IDBusObject
{
    Task StartDiscoveryAsync();

    Task StopDiscoveryAsync();

    Task SetDiscoveryFilterAsync(IDictionary<string, object> filter);

    Task RemoveDeviceAsync(ObjectPath device);

    Task<object> GetAsync(string prop);

    Task<IDictionary<string, object>> GetAllAsync();

    Task SetAsync(string prop, object val);

    Task<IDisposable> WatchPropertiesAsync(Action<PropertyChanges> handler);
}
