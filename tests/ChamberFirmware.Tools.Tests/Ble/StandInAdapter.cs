using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Ble.BlueZ;
using Tmds.DBus;

namespace ChamberFirmware.Tools.Tests.Ble;

/// <summary>
/// org.bluez.Adapter1 at /org/bluez/hci0 with the documented properties, filter keys and errors
/// (doc/org.bluez.Adapter.rst): StartDiscovery on a powered-off adapter is NotReady, StopDiscovery
/// without a discovery is Failed, unknown filter keys are InvalidArguments.
/// </summary>
internal sealed class StandInAdapter : IAdapter1
{
    private static readonly HashSet<string> FilterKeys = new(StringComparer.Ordinal) { "UUIDs", "RSSI", "Pathloss", "Transport", "DuplicateData", "Discoverable", "Pattern" };

    private readonly BlueZStandIn _owner;

    public StandInAdapter(BlueZStandIn owner, bool powered)
    {
        _owner = owner;
        Properties.Init("Address", "00:1A:7D:DA:71:13");
        Properties.Init("AddressType", "public");
        Properties.Init("Name", "bench-laptop");
        Properties.Init("Alias", "bench-laptop");
        Properties.Init("Class", 0x6c010cu);
        Properties.Init("Powered", powered);
        Properties.Init("PowerState", powered ? "on" : "off");
        Properties.Init("Discoverable", false);
        Properties.Init("DiscoverableTimeout", 180u);
        Properties.Init("Pairable", true);
        Properties.Init("PairableTimeout", 0u);
        Properties.Init("Discovering", false);
        Properties.Init("UUIDs", new[] { "00001800-0000-1000-8000-00805f9b34fb", "00001801-0000-1000-8000-00805f9b34fb" });
        Properties.Init("Roles", new[] { "central", "peripheral" });
    }

    public const string Path = "/org/bluez/hci0";

    public StandInProperties Properties { get; } = new("Powered", "Alias", "Discoverable", "Pairable", "DiscoverableTimeout", "PairableTimeout");

    public ObjectPath ObjectPath => new(Path);

    /// <summary>The filter the client last set (the test checks it asked for LE and the chamber service).</summary>
    public IDictionary<string, object>? Filter { get; private set; }

    public int DiscoveryStarts { get; private set; }

    public Task StartDiscoveryAsync()
    {
        if (Properties["Powered"] is not true)
        {
            return Task.FromException(new DBusException(BlueZNames.ErrorNotReady, "Resource Not Ready"));
        }

        DiscoveryStarts++;
        Properties.Change("Discovering", true);
        _owner.OnDiscoveryStarted(Filter);
        return Task.CompletedTask;
    }

    public Task StopDiscoveryAsync()
    {
        if (Properties["Discovering"] is not true)
        {
            return Task.FromException(new DBusException(BlueZNames.ErrorFailed, "No discovery started"));
        }

        Properties.Change("Discovering", false);
        return Task.CompletedTask;
    }

    public Task SetDiscoveryFilterAsync(IDictionary<string, object> filter)
    {
        foreach (string key in filter.Keys)
        {
            if (!FilterKeys.Contains(key))
            {
                return Task.FromException(new DBusException("org.bluez.Error.InvalidArguments", "Invalid arguments in method call"));
            }
        }

        if (filter.TryGetValue("Transport", out object? transport) && transport is not ("auto" or "bredr" or "le"))
        {
            return Task.FromException(new DBusException("org.bluez.Error.InvalidArguments", "Invalid arguments in method call"));
        }

        Filter = new Dictionary<string, object>(filter, StringComparer.Ordinal);
        return Task.CompletedTask;
    }

    public Task RemoveDeviceAsync(ObjectPath device) => _owner.RemoveDeviceAsync(device.ToString());

    public Task<object> GetAsync(string prop) => Properties.GetAsync(prop);

    public Task<IDictionary<string, object>> GetAllAsync() => Properties.GetAllAsync();

    public Task SetAsync(string prop, object val) => Properties.SetAsync(prop, val);

    public Task<IDisposable> WatchPropertiesAsync(Action<PropertyChanges> handler) => Properties.WatchAsync(handler);
}
