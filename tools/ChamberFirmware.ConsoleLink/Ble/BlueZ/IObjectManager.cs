using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tmds.DBus;

namespace ChamberFirmware.ConsoleLink.Ble.BlueZ;

/// <summary>
/// org.freedesktop.DBus.ObjectManager as bluetoothd exports it at "/": every adapter, device,
/// GATT service and characteristic object with its interfaces and properties (D-Bus specification,
/// "org.freedesktop.DBus.ObjectManager"; BlueZ doc/org.bluez.Adapter.rst and friends).
/// </summary>
[DBusInterface(BlueZNames.ObjectManagerInterface)]
public interface IObjectManager : IDBusObject
{
    Task<IDictionary<ObjectPath, IDictionary<string, IDictionary<string, object>>>> GetManagedObjectsAsync();

    Task<IDisposable> WatchInterfacesAddedAsync(Action<(ObjectPath Object, IDictionary<string, IDictionary<string, object>> Interfaces)> handler, Action<Exception>? onError = null);

    Task<IDisposable> WatchInterfacesRemovedAsync(Action<(ObjectPath Object, string[] Interfaces)> handler, Action<Exception>? onError = null);
}
