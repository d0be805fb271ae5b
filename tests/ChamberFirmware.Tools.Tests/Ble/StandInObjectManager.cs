using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Ble.BlueZ;
using Tmds.DBus;

namespace ChamberFirmware.Tools.Tests.Ble;

/// <summary>The stand-in's org.freedesktop.DBus.ObjectManager at "/", as bluetoothd exports it.</summary>
internal sealed class StandInObjectManager : IObjectManager
{
    private readonly BlueZStandIn _owner;
    private Action<(ObjectPath Object, IDictionary<string, IDictionary<string, object>> Interfaces)>? _added;
    private Action<(ObjectPath Object, string[] Interfaces)>? _removed;

    public StandInObjectManager(BlueZStandIn owner)
    {
        _owner = owner;
    }

    public ObjectPath ObjectPath => new(BlueZNames.RootPath);

    public Task<IDictionary<ObjectPath, IDictionary<string, IDictionary<string, object>>>> GetManagedObjectsAsync() =>
        Task.FromResult(_owner.ManagedObjects());

    public Task<IDisposable> WatchInterfacesAddedAsync(Action<(ObjectPath Object, IDictionary<string, IDictionary<string, object>> Interfaces)> handler, Action<Exception>? onError = null)
    {
        _added += handler;
        return Task.FromResult<IDisposable>(new Unsubscribe(() => _added -= handler));
    }

    public Task<IDisposable> WatchInterfacesRemovedAsync(Action<(ObjectPath Object, string[] Interfaces)> handler, Action<Exception>? onError = null)
    {
        _removed += handler;
        return Task.FromResult<IDisposable>(new Unsubscribe(() => _removed -= handler));
    }

    public void Added(string path, string iface, IDictionary<string, object> properties) =>
        _added?.Invoke((new ObjectPath(path), new Dictionary<string, IDictionary<string, object>> { [iface] = properties }));

    public void Removed(string path, string iface) => _removed?.Invoke((new ObjectPath(path), new[] { iface }));

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
