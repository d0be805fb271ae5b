using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Ble.BlueZ;
using Tmds.DBus;

namespace ChamberFirmware.ConsoleLink.Ble;

/// <summary>
/// One connected chamber: Device1.Pair (if not bonded) or Connect, ServicesResolved, then its GATT
/// characteristics by UUID. Watches Device1.Connected so a drop is seen at once (<see cref="Dropped"/>).
/// Disposing disconnects and closes the central it was opened from.
/// </summary>
public sealed class BleChamberConnection : IAsyncDisposable
{
    private readonly BleCentral _central;
    private readonly IDevice1 _device;
    private readonly Dictionary<string, string> _characteristics = new(StringComparer.OrdinalIgnoreCase);
    private readonly TaskCompletionSource _dropped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _resolved = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IDisposable? _watch;
    private int _disposed;

    private BleChamberConnection(BleCentral central, BleAdvertisedChamber chamber)
    {
        _central = central;
        Chamber = chamber;
        _device = central.Connection.CreateProxy<IDevice1>(BlueZNames.Service, chamber.DevicePath);
    }

    public BleAdvertisedChamber Chamber { get; }

    /// <summary>Completes when BlueZ reports the device disconnected.</summary>
    public Task Dropped => _dropped.Task;

    internal Connection Connection => _central.Connection;

    internal BleOptions Options => _central.Options;

    internal string Target => Chamber.Name + " (" + Chamber.Address + ")";

    internal static async Task<BleChamberConnection> OpenAsync(BleCentral central, BleAdvertisedChamber chamber, CancellationToken cancellationToken)
    {
        var connection = new BleChamberConnection(central, chamber);
        try
        {
            await connection.ConnectAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The object path of a characteristic of this chamber, or a ServiceMissing failure naming it.</summary>
    internal string CharacteristicPath(string uuid, string what) =>
        _characteristics.TryGetValue(uuid, out string? path)
            ? path
            : throw new BleFailure(BleFailureKind.ServiceMissing,
                Target + " has no " + what + " characteristic " + uuid + " (firmware without it, or not a chamber)",
                "check the firmware version on the board (chamberctl flash prints it) and flash the current release");

    /// <summary>Reads one characteristic (ReadValue); BleFailure with the BlueZ reason.</summary>
    public async Task<byte[]> ReadAsync(string uuid, string what, CancellationToken cancellationToken)
    {
        var characteristic = Connection.CreateProxy<IGattCharacteristic1>(BlueZNames.Service, CharacteristicPath(uuid, what));
        try
        {
            return await characteristic.ReadValueAsync(new Dictionary<string, object>()).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DBusException ex)
        {
            throw Dropped.IsCompleted ? LinkDropped(ex) : BlueZErrors.From(ex, "reading " + what, Target);
        }
    }

    /// <summary>The control link: frames over the frame characteristic, after the MTU check.</summary>
    public async Task<BleLinkTransport> OpenLinkAsync(CancellationToken cancellationToken)
    {
        string path = CharacteristicPath(ChamberAdvertisement.FrameCharacteristicUuid, "link frame");
        var characteristic = Connection.CreateProxy<IGattCharacteristic1>(BlueZNames.Service, path);
        object mtu;
        try
        {
            mtu = await characteristic.GetAsync("MTU").WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DBusException ex)
        {
            throw new BleFailure(BleFailureKind.MtuTooSmall, "BlueZ did not report the ATT MTU of " + Target + " (" + ex.ErrorName + "): it needs BlueZ 5.62 or later",
                "update BlueZ (the distribution's bluez package), then run the command again", ex);
        }

        int value = mtu is ushort u ? u : Convert.ToInt32(mtu, System.Globalization.CultureInfo.InvariantCulture);
        if (value < ChamberAdvertisement.MinimumMtu)
        {
            throw new BleFailure(BleFailureKind.MtuTooSmall,
                "MTU too small: the Bluetooth link to " + Target + " negotiated an ATT MTU of " + value + " bytes; one link frame (up to " + ChamberAdvertisement.MaxFrameSize + " bytes) per write needs at least " + ChamberAdvertisement.MinimumMtu,
                "use a Bluetooth adapter with LE data length / larger MTU support (Bluetooth 4.2 or later; most built-in adapters since 2016), then run the command again");
        }

        var transport = new BleLinkTransport(this, characteristic, value);
        try
        {
            await transport.StartAsync(cancellationToken).ConfigureAwait(false);
            return transport;
        }
        catch
        {
            await transport.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    internal BleFailure LinkDropped(Exception? cause) => new(BleFailureKind.LinkDropped,
        "the Bluetooth link to " + Target + " dropped",
        "bring the laptop closer to the chamber and run the command again", cause);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _watch?.Dispose();
        if (!_dropped.Task.IsCompleted)
        {
            try
            {
                await _device.DisconnectAsync().WaitAsync(TimeSpan.FromSeconds(5), _central.Options.Time).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is DBusException or TimeoutException or DisconnectedException or ObjectDisposedException)
            {
                // Already gone: nothing to release.
            }
        }

        await _central.DisposeAsync().ConfigureAwait(false);
    }

    private async Task ConnectAsync(CancellationToken caller)
    {
        // Connect, pair and service discovery wait on BlueZ and the board: bounded, so a board that
        // never resolves its services (or a pairing nobody answers) cannot hold the tool.
        using var deadline = new CancellationTokenSource(Options.ConnectTimeout, Options.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(caller, deadline.Token);
        try
        {
            await ConnectWithinAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !caller.IsCancellationRequested)
        {
            throw new BleFailure(BleFailureKind.Failed,
                Target + " did not finish connecting (connect, pairing, GATT service discovery) within " + ((int)Options.ConnectTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) + " s",
                "check that the board is powered and within a few metres and that no pairing prompt is waiting (bluetoothctl), then run the command again");
        }
    }

    private async Task ConnectWithinAsync(CancellationToken cancellationToken)
    {
        IDictionary<string, object> properties;
        try
        {
            properties = await _device.GetAllAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DBusException ex)
        {
            throw BlueZErrors.From(ex, "reading the device", Target);
        }

        if (properties.TryGetValue("Connected", out object? connected) && connected is true)
        {
            throw new BleFailure(BleFailureKind.CentralAlreadyBound,
                Target + " is already connected from this computer by another program",
                "close that program (or bluetoothctl disconnect " + Chamber.Address + "), then run the command again");
        }

        _watch = await _device.WatchPropertiesAsync(OnDeviceChanged).ConfigureAwait(false);
        bool paired = properties.TryGetValue("Paired", out object? p) && p is true;
        try
        {
            if (!paired)
            {
                // Pair connects, pairs (the control characteristic needs an authenticated, encrypted link) and resolves services.
                try
                {
                    await _device.PairAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (DBusException ex) when (ex.ErrorName == BlueZNames.ErrorAlreadyExists)
                {
                    await _device.ConnectAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                await _device.ConnectAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            object resolved = await _device.GetAsync("ServicesResolved").WaitAsync(cancellationToken).ConfigureAwait(false);
            if (resolved is not true)
            {
                await Task.WhenAny(_resolved.Task, _dropped.Task).WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            if (_dropped.Task.IsCompleted)
            {
                throw LinkDropped(null);
            }

            var all = await _central.Objects.GetManagedObjectsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            string prefix = Chamber.DevicePath + "/";
            foreach (var (path, interfaces) in all)
            {
                if (path.ToString().StartsWith(prefix, StringComparison.Ordinal)
                    && interfaces.TryGetValue(BlueZNames.GattCharacteristicInterface, out var characteristic)
                    && characteristic.TryGetValue("UUID", out object? uuid) && uuid is string text)
                {
                    _characteristics[text] = path.ToString();
                }
            }
        }
        catch (DBusException ex)
        {
            throw BlueZErrors.From(ex, paired ? "connecting" : "pairing", Target);
        }
    }

    private void OnDeviceChanged(PropertyChanges changes)
    {
        foreach (var (name, value) in changes.Changed)
        {
            if (name == "Connected" && value is false)
            {
                _dropped.TrySetResult();
            }
            else if (name == "ServicesResolved" && value is true)
            {
                _resolved.TrySetResult();
            }
        }
    }
}
