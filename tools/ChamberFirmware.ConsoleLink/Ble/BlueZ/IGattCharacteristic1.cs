using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tmds.DBus;

namespace ChamberFirmware.ConsoleLink.Ble.BlueZ;

/// <summary>
/// org.bluez.GattCharacteristic1 at .../serviceXXXX/charYYYY (BlueZ doc/org.bluez.GattCharacteristic.rst):
/// ReadValue(a{sv}) → ay, WriteValue(ay, a{sv}) with option "type" = "request" | "command",
/// StartNotify(), StopNotify(); properties UUID, Service, Value (PropertiesChanged on each
/// notification), Notifying, Flags, MTU.
/// </summary>
[DBusInterface(BlueZNames.GattCharacteristicInterface)]
public interface IGattCharacteristic1 : IDBusObject
{
    Task<byte[]> ReadValueAsync(IDictionary<string, object> options);

    Task WriteValueAsync(byte[] value, IDictionary<string, object> options);

    Task StartNotifyAsync();

    Task StopNotifyAsync();

    Task<object> GetAsync(string prop);

    Task<IDictionary<string, object>> GetAllAsync();

    Task SetAsync(string prop, object val);

    Task<IDisposable> WatchPropertiesAsync(Action<PropertyChanges> handler);
}
