using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tmds.DBus;

namespace ChamberFirmware.ConsoleLink.Ble.BlueZ;

/// <summary>
/// org.bluez.GattService1 at .../dev_XX_XX_XX_XX_XX_XX/serviceXXXX (BlueZ doc/org.bluez.GattService.rst):
/// properties UUID, Primary, Device, Handle; no methods.
/// </summary>
[DBusInterface(BlueZNames.GattServiceInterface)]
public interface IGattService1 : IDBusObject
{
    Task<object> GetAsync(string prop);

    Task<IDictionary<string, object>> GetAllAsync();

    Task SetAsync(string prop, object val);

    Task<IDisposable> WatchPropertiesAsync(Action<PropertyChanges> handler);
}
