using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Ble.BlueZ;
using Tmds.DBus;

namespace ChamberFirmware.Tools.Tests.Ble;

/// <summary>
/// org.bluez.Device1 for the chamber at /org/bluez/hci0/dev_XX_XX_XX_XX_XX_XX with the documented
/// properties and errors (doc/org.bluez.Device.rst): Connect when connected is AlreadyConnected,
/// Disconnect when not is NotConnected, Pair when paired is AlreadyExists; a board that does not
/// advertise (another central holds it) makes Connect fail as BlueZ's LE connect does.
/// </summary>
internal sealed class StandInDevice : IDevice1
{
    private readonly BlueZStandIn _owner;

    public StandInDevice(BlueZStandIn owner, string path, string address, string name)
    {
        _owner = owner;
        Path = path;
        Properties.Init("Address", address);
        Properties.Init("AddressType", "public");
        Properties.Init("Name", name);
        Properties.Init("Alias", name);
        Properties.Init("Appearance", (ushort)0);
        Properties.Init("UUIDs", new[] { ChamberFirmware.ConsoleLink.Ble.ChamberAdvertisement.DiagnosticsServiceUuid });
        Properties.Init("Paired", false);
        Properties.Init("Bonded", false);
        Properties.Init("Connected", false);
        Properties.Init("Trusted", false);
        Properties.Init("Blocked", false);
        Properties.Init("WakeAllowed", false);
        Properties.Init("Adapter", new ObjectPath(StandInAdapter.Path));
        Properties.Init("LegacyPairing", false);
        Properties.Init("ServicesResolved", false);
        Properties.Init("AdvertisingFlags", new byte[] { 0x06 });
    }

    public string Path { get; }

    public StandInProperties Properties { get; } = new("Trusted", "Blocked", "WakeAllowed", "Alias");

    public ObjectPath ObjectPath => new(Path);

    public bool Connected => Properties["Connected"] is true;

    public bool Paired => Properties["Paired"] is true;

    public Task ConnectAsync()
    {
        if (Connected)
        {
            return Task.FromException(new DBusException(BlueZNames.ErrorAlreadyConnected, "Already Connected"));
        }

        return _owner.ConnectAsync();
    }

    public Task DisconnectAsync()
    {
        if (!Connected)
        {
            return Task.FromException(new DBusException(BlueZNames.ErrorNotConnected, "Not Connected"));
        }

        _owner.Disconnect("org.bluez.Reason.Local");
        return Task.CompletedTask;
    }

    public async Task PairAsync()
    {
        if (Paired)
        {
            throw new DBusException(BlueZNames.ErrorAlreadyExists, "Already Exists");
        }

        if (_owner.Setup.PairingError is { } error)
        {
            throw new DBusException(error, "Authentication Failed");
        }

        if (!Connected)
        {
            await _owner.ConnectAsync();
        }

        Properties.Change("Paired", true);
        Properties.Change("Bonded", true);
    }

    public Task CancelPairingAsync() => Task.FromException(new DBusException("org.bluez.Error.DoesNotExist", "Does Not Exist"));

    public Task<object> GetAsync(string prop) => Properties.GetAsync(prop);

    public Task<IDictionary<string, object>> GetAllAsync() => Properties.GetAllAsync();

    public Task SetAsync(string prop, object val) => Properties.SetAsync(prop, val);

    public Task<IDisposable> WatchPropertiesAsync(Action<PropertyChanges> handler) => Properties.WatchAsync(handler);
}
