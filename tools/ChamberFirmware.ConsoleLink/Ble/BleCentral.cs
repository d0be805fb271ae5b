using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Ble.BlueZ;
using Tmds.DBus;

namespace ChamberFirmware.ConsoleLink.Ble;

/// <summary>
/// This computer as a Bluetooth LE central through BlueZ's D-Bus API: finds the adapter
/// (ObjectManager.GetManagedObjects, Adapter1.Powered), scans for chambers (SetDiscoveryFilter,
/// StartDiscovery, InterfacesAdded and RSSI PropertiesChanged) and connects to one. Owns its bus
/// connection.
/// </summary>
public sealed class BleCentral : IAsyncDisposable
{
    private readonly Connection _connection;
    private readonly IObjectManager _objects;
    private readonly IAdapter1 _adapter;
    private readonly BleOptions _options;
    private readonly ConcurrentDictionary<string, bool> _connectedCache = new(StringComparer.Ordinal);

    private BleCentral(Connection connection, IObjectManager objects, string adapterPath, BleOptions options)
    {
        _connection = connection;
        _objects = objects;
        AdapterPath = adapterPath;
        _adapter = connection.CreateProxy<IAdapter1>(BlueZNames.Service, adapterPath);
        _options = options;
    }

    /// <summary>The adapter in use, e.g. /org/bluez/hci0.</summary>
    public string AdapterPath { get; }

    internal Connection Connection => _connection;

    internal IObjectManager Objects => _objects;

    internal BleOptions Options => _options;

    /// <summary>Connects to the bus and picks the first adapter; BleFailure for no BlueZ, no adapter, adapter off, no permission.</summary>
    public static async Task<BleCentral> OpenAsync(BleOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!OperatingSystem.IsLinux())
        {
            throw new BleFailure(BleFailureKind.NoAdapter,
                "Bluetooth LE in chamberctl works through BlueZ on Linux only; this computer runs " + System.Runtime.InteropServices.RuntimeInformation.OSDescription,
                "provision and diagnose over BLE from a Linux laptop or a Linux live USB stick (docs/flashing.md, Windows and macOS); flashing works here");
        }

        var connection = new Connection(options.BusAddress);
        try
        {
            try
            {
                await connection.ConnectAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ConnectException ex)
            {
                throw new BleFailure(BleFailureKind.NoAdapter, "the system D-Bus is not reachable (" + ex.Message + "), so BlueZ cannot be asked for a Bluetooth adapter", BlueZErrors.BluetoothdStep, ex);
            }

            var objects = connection.CreateProxy<IObjectManager>(BlueZNames.Service, BlueZNames.RootPath);
            IDictionary<ObjectPath, IDictionary<string, IDictionary<string, object>>> all;
            try
            {
                all = await objects.GetManagedObjectsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DBusException ex)
            {
                throw BlueZErrors.From(ex, "listing Bluetooth adapters", "BlueZ");
            }

            var adapter = all.Where(entry => entry.Value.ContainsKey(BlueZNames.AdapterInterface))
                .OrderBy(entry => entry.Key.ToString(), StringComparer.Ordinal)
                .Select(entry => (Path: entry.Key.ToString(), Properties: entry.Value[BlueZNames.AdapterInterface]))
                .FirstOrDefault();
            if (adapter.Path is null)
            {
                throw new BleFailure(BleFailureKind.NoAdapter, "BlueZ is running but this computer has no Bluetooth adapter",
                    "plug in a Bluetooth LE adapter (or enable it in the firmware set-up), check hciconfig / bluetoothctl list, then run the command again");
            }

            if (!(adapter.Properties.TryGetValue("Powered", out object? powered) && powered is true))
            {
                throw new BleFailure(BleFailureKind.AdapterOff, "the Bluetooth adapter " + adapter.Path + " is powered off",
                    "switch Bluetooth on (bluetoothctl power on; if it stays off, rfkill unblock bluetooth), then run the command again");
            }

            return new BleCentral(connection, objects, adapter.Path, options);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Every chamber seen advertising during one scan window, strongest first.</summary>
    public async Task<IReadOnlyList<BleAdvertisedChamber>> ScanAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        var (seen, _, _) = await DiscoverAsync(null, window, cancellationToken).ConfigureAwait(false);
        return seen.OrderByDescending(chamber => chamber.Rssi ?? short.MinValue).ThenBy(chamber => chamber.Address, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Scans until the chamber the filter means advertises (at most the options' scan timeout).</summary>
    public async Task<BleAdvertisedChamber> FindAsync(BleDeviceFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (_, match, known) = await DiscoverAsync(filter.Matches, _options.ScanTimeout, cancellationToken).ConfigureAwait(false);
        if (match is not null)
        {
            return match;
        }

        var cached = known.FirstOrDefault(filter.Matches);
        if (cached is not null && known.Count > 0 && IsConnected(cached))
        {
            throw new BleFailure(BleFailureKind.CentralAlreadyBound,
                "chamber " + cached.Name + " (" + cached.Address + ") is already connected from this computer by another program",
                "close that program (or bluetoothctl disconnect " + cached.Address + "), then run the command again");
        }

        string seconds = ((int)_options.ScanTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        throw new BleFailure(BleFailureKind.DeviceNotFound,
            "no chamber matching " + filter + " advertised within " + seconds + " s" + (cached is null ? string.Empty : " (this computer knows it as " + cached.Name + ", " + cached.Address + ", but it is not advertising)"),
            "check that the board is powered and within a few metres; a chamber serves one console at a time and does not advertise while another console is connected to it, so disconnect that console; chamberctl ble scan lists what is in range");
    }

    /// <summary>Connects to (and pairs with, if not yet bonded) a chamber found by a scan; resolves its GATT services.</summary>
    public Task<BleChamberConnection> ConnectAsync(BleAdvertisedChamber chamber, CancellationToken cancellationToken) =>
        BleChamberConnection.OpenAsync(this, chamber, cancellationToken);

    public ValueTask DisposeAsync()
    {
        _connection.Dispose();
        return ValueTask.CompletedTask;
    }

    private bool IsConnected(BleAdvertisedChamber chamber) => _connectedCache.TryGetValue(chamber.DevicePath, out bool connected) && connected;

    private async Task<(List<BleAdvertisedChamber> Seen, BleAdvertisedChamber? Match, List<BleAdvertisedChamber> Known)> DiscoverAsync(
        Func<BleAdvertisedChamber, bool>? stopWhen, TimeSpan window, CancellationToken cancellationToken)
    {
        var properties = new ConcurrentDictionary<string, Dictionary<string, object>>(StringComparer.Ordinal);
        var seen = new ConcurrentDictionary<string, BleAdvertisedChamber>(StringComparer.Ordinal);
        var found = new TaskCompletionSource<BleAdvertisedChamber>(TaskCreationOptions.RunContinuationsAsynchronously);
        var watchers = new List<IDisposable>();
        string prefix = AdapterPath + "/dev_";

        Dictionary<string, object> Merge(string path, IEnumerable<KeyValuePair<string, object>> changes)
        {
            var merged = properties.GetOrAdd(path, _ => new Dictionary<string, object>(StringComparer.Ordinal));
            lock (merged)
            {
                foreach (var (key, value) in changes)
                {
                    merged[key] = value;
                }

                return new Dictionary<string, object>(merged, StringComparer.Ordinal);
            }
        }

        void Seen(string path, Dictionary<string, object> merged)
        {
            // Only what advertised during this discovery counts (it carries an RSSI); cached objects alone do not.
            if (!merged.ContainsKey("RSSI") || ToChamber(path, merged) is not { } chamber)
            {
                return;
            }

            seen[path] = chamber;
            if (stopWhen?.Invoke(chamber) == true)
            {
                found.TrySetResult(chamber);
            }
        }

        try
        {
            watchers.Add(await _objects.WatchInterfacesAddedAsync(added =>
            {
                string path = added.Object.ToString();
                if (path.StartsWith(prefix, StringComparison.Ordinal) && added.Interfaces.TryGetValue(BlueZNames.DeviceInterface, out var device))
                {
                    Seen(path, Merge(path, device));
                }
            }).ConfigureAwait(false));

            var all = await _objects.GetManagedObjectsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            foreach (var (objectPath, interfaces) in all)
            {
                string path = objectPath.ToString();
                if (!path.StartsWith(prefix, StringComparison.Ordinal) || path.IndexOf('/', prefix.Length) >= 0
                    || !interfaces.TryGetValue(BlueZNames.DeviceInterface, out var device))
                {
                    continue;
                }

                var cached = Merge(path, device.Where(entry => entry.Key != "RSSI"));
                if (ToChamber(path, cached) is null)
                {
                    continue;
                }

                _connectedCache[path] = cached.TryGetValue("Connected", out object? connected) && connected is true;
                var proxy = _connection.CreateProxy<IDevice1>(BlueZNames.Service, path);
                watchers.Add(await proxy.WatchPropertiesAsync(changes =>
                {
                    // Name, UUIDs and the rest change in their own signals; an RSSI says it was just seen advertising.
                    var merged = Merge(path, changes.Changed);
                    if (changes.Changed.Any(change => change.Key == "RSSI"))
                    {
                        Seen(path, merged);
                    }
                }).ConfigureAwait(false));
            }

            await Call(() => _adapter.SetDiscoveryFilterAsync(new Dictionary<string, object>
            {
                ["Transport"] = "le",
                ["UUIDs"] = new[] { ChamberAdvertisement.DiagnosticsServiceUuid },
            }), "setting the scan filter", cancellationToken).ConfigureAwait(false);
            await Call(_adapter.StartDiscoveryAsync, "starting a Bluetooth scan", cancellationToken).ConfigureAwait(false);
            try
            {
                await Task.WhenAny(found.Task, Task.Delay(window, _options.Time, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
            finally
            {
                try
                {
                    await _adapter.StopDiscoveryAsync().ConfigureAwait(false);
                }
                catch (DBusException)
                {
                    // Already stopped (adapter reset, another client): nothing to undo.
                }
            }
        }
        catch (DBusException ex)
        {
            throw BlueZErrors.From(ex, "scanning", "BlueZ");
        }
        finally
        {
            foreach (var watcher in watchers)
            {
                watcher.Dispose();
            }
        }

        var known = properties.Select(entry => ToChamber(entry.Key, entry.Value)).OfType<BleAdvertisedChamber>().ToList();
        return (seen.Values.ToList(), found.Task.IsCompletedSuccessfully ? found.Task.Result : null, known);
    }

    private static async Task Call(Func<Task> call, string step, CancellationToken cancellationToken)
    {
        try
        {
            await call().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DBusException ex) when (ex.ErrorName == BlueZNames.ErrorInProgress)
        {
            // This client's discovery is already running: the scan goes on with it.
        }
        catch (DBusException ex)
        {
            throw BlueZErrors.From(ex, step, "the adapter");
        }
    }

    /// <summary>A chamber if the device advertises the diagnostics service or a chamber name; null for anything else.</summary>
    private static BleAdvertisedChamber? ToChamber(string path, Dictionary<string, object> device)
    {
        string? name = (device.TryGetValue("Name", out object? n) ? n : device.TryGetValue("Alias", out object? a) ? a : null) as string;
        bool advertisesService = device.TryGetValue("UUIDs", out object? uuids) && uuids is string[] list
            && list.Any(uuid => string.Equals(uuid, ChamberAdvertisement.DiagnosticsServiceUuid, StringComparison.OrdinalIgnoreCase));
        if (!advertisesService && (name is null || !name.StartsWith(ChamberAdvertisement.NamePrefix, StringComparison.Ordinal)))
        {
            return null;
        }

        string address = device.TryGetValue("Address", out object? ad) && ad is string text ? text : path.Substring(path.LastIndexOf("dev_", StringComparison.Ordinal) + 4).Replace('_', ':');
        short? rssi = device.TryGetValue("RSSI", out object? r) && r is short value ? value : null;
        return new BleAdvertisedChamber(path, address, name ?? string.Empty, rssi);
    }
}
