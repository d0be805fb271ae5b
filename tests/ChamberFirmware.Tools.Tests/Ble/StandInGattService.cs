using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Ble.BlueZ;
using Tmds.DBus;

namespace ChamberFirmware.Tools.Tests.Ble;

/// <summary>org.bluez.GattService1 at .../dev_XX/serviceXXXX (doc/org.bluez.GattService.rst): UUID, Primary, Device, Handle.</summary>
internal sealed class StandInGattService : IGattService1
{
    public StandInGattService(string devicePath, ushort handle, string uuid)
    {
        Path = devicePath + "/service" + handle.ToString("x4", System.Globalization.CultureInfo.InvariantCulture);
        Properties.Init("UUID", uuid);
        Properties.Init("Primary", true);
        Properties.Init("Device", new ObjectPath(devicePath));
        Properties.Init("Handle", handle);
    }

    public string Path { get; }

    public StandInProperties Properties { get; } = new();

    public ObjectPath ObjectPath => new(Path);

    public Task<object> GetAsync(string prop) => Properties.GetAsync(prop);

    public Task<IDictionary<string, object>> GetAllAsync() => Properties.GetAllAsync();

    public Task SetAsync(string prop, object val) => Properties.SetAsync(prop, val);

    public Task<IDisposable> WatchPropertiesAsync(Action<PropertyChanges> handler) => Properties.WatchAsync(handler);
}
