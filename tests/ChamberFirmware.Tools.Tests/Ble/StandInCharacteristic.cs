using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Ble.BlueZ;
using Tmds.DBus;

namespace ChamberFirmware.Tools.Tests.Ble;

/// <summary>
/// org.bluez.GattCharacteristic1 at .../serviceXXXX/charYYYY (doc/org.bluez.GattCharacteristic.rst).
/// Checks what BlueZ and the board would: the options' keys and write type, the Flags (no write on
/// a read-only characteristic: NotSupported), a bonded link for protected values (NotPermitted
/// "Not paired"), a connected device (Failed "Not connected"), a value that fits the MTU
/// (InvalidValueLength); updates Value (PropertiesChanged) on reads and notifications. Error names and
/// messages are bluetoothd's (src/gatt-client.c: characteristic_read_value / _write_value and
/// create_gatt_dbus_error), not only the documented names.
/// </summary>
internal sealed class StandInCharacteristic : IGattCharacteristic1
{
    private static readonly HashSet<string> ReadOptions = new(StringComparer.Ordinal) { "offset", "mtu", "device", "link" };
    private static readonly HashSet<string> WriteOptions = new(StringComparer.Ordinal) { "offset", "type", "mtu", "device", "link", "prepare-authorize" };

    private readonly BlueZStandIn _owner;
    private readonly Func<byte[]>? _read;
    private readonly Func<byte[], Task>? _write;
    private readonly bool _needsEncryption;

    public StandInCharacteristic(BlueZStandIn owner, StandInGattService service, ushort handle, string uuid, string[] flags, Func<byte[]>? read, Func<byte[], Task>? write)
    {
        _owner = owner;
        _read = read;
        _write = write;
        Flags = flags;
        _needsEncryption = flags.Any(flag => flag.StartsWith("encrypt", StringComparison.Ordinal));
        Path = service.Path + "/char" + handle.ToString("x4", System.Globalization.CultureInfo.InvariantCulture);
        Properties.Init("UUID", uuid);
        Properties.Init("Service", service.ObjectPath);
        Properties.Init("Value", Array.Empty<byte>());
        Properties.Init("Flags", flags);
        Properties.Init("Handle", handle);
        Properties.Init("MTU", owner.Setup.Mtu);
        if (flags.Contains("notify"))
        {
            Properties.Init("Notifying", false);
            Properties.Init("NotifyAcquired", false);
        }
    }

    public string Path { get; }

    public string[] Flags { get; }

    public StandInProperties Properties { get; } = new();

    public ObjectPath ObjectPath => new(Path);

    public bool Notifying => Properties.TryGet("Notifying", out object? value) && value is true;

    public int Writes { get; private set; }

    public Task<byte[]> ReadValueAsync(IDictionary<string, object> options)
    {
        if (options.Keys.Any(key => !ReadOptions.Contains(key)) || _read is null)
        {
            return Task.FromException<byte[]>(new DBusException(_read is null ? BlueZNames.ErrorNotSupported : "org.bluez.Error.InvalidArguments", _read is null ? "Operation is not supported" : "Invalid arguments in method call"));
        }

        if (Refusal() is { } refused)
        {
            return Task.FromException<byte[]>(refused);
        }

        byte[] value = _read();
        Properties.Change("Value", value);
        return Task.FromResult(value);
    }

    public Task WriteValueAsync(byte[] value, IDictionary<string, object> options)
    {
        if (options.Keys.Any(key => !WriteOptions.Contains(key))
            || (options.TryGetValue("type", out object? type) && type is not ("command" or "request" or "reliable")))
        {
            return Task.FromException(new DBusException("org.bluez.Error.InvalidArguments", "Invalid arguments in method call"));
        }

        if (_write is null || !Flags.Contains("write"))
        {
            return Task.FromException(new DBusException(BlueZNames.ErrorNotSupported, "Operation is not supported"));
        }

        if (Refusal() is { } refused)
        {
            return Task.FromException(refused);
        }

        if (value.Length > _owner.Setup.Mtu - 3)
        {
            return Task.FromException(new DBusException(BlueZNames.ErrorInvalidValueLength, "Invalid Length"));
        }

        Writes++;
        _owner.Radio.Written(value.Length);
        return _write(value);
    }

    public Task StartNotifyAsync()
    {
        if (!Flags.Contains("notify"))
        {
            return Task.FromException(new DBusException(BlueZNames.ErrorNotSupported, "Operation is not supported"));
        }

        if (Refusal() is { } refused)
        {
            return Task.FromException(refused);
        }

        if (!Notifying)
        {
            Properties.Change("Notifying", true);
        }

        return Task.CompletedTask;
    }

    public Task StopNotifyAsync()
    {
        if (!Notifying)
        {
            return Task.FromException(new DBusException(BlueZNames.ErrorFailed, "No notify session started"));
        }

        Properties.Change("Notifying", false);
        return Task.CompletedTask;
    }

    /// <summary>A notification from the board: Value changes (one PropertiesChanged per notification).</summary>
    public void Notify(byte[] value)
    {
        if (value.Length > _owner.Setup.Mtu - 3)
        {
            _owner.Radio.Oversized();
            return;
        }

        if (Notifying)
        {
            _owner.Radio.Notified(value.Length);
            Properties.Change("Value", value);
        }
    }

    public Task<object> GetAsync(string prop) => Properties.GetAsync(prop);

    public Task<IDictionary<string, object>> GetAllAsync() => Properties.GetAllAsync();

    public Task SetAsync(string prop, object val) => Properties.SetAsync(prop, val);

    public Task<IDisposable> WatchPropertiesAsync(Action<PropertyChanges> handler) => Properties.WatchAsync(handler);

    private DBusException? Refusal()
    {
        if (!_owner.Device.Connected)
        {
            // bluetoothd: btd_error_failed(msg, "Not connected") when the GATT client is gone, not Error.NotConnected.
            return new DBusException(BlueZNames.ErrorFailed, BlueZNames.MessageNotConnected);
        }

        // An encrypt-* flag (the board's EncryptionRequired) needs a paired, so encrypted, link: the
        // board answers ATT Insufficient Encryption (0x0f) and bluetoothd reports that as
        // NotPermitted "Not paired" (create_gatt_dbus_error). A real bluetoothd first tries to raise
        // the link's security (pairing, with an agent) and retries; this is the answer when that does not happen.
        return _needsEncryption && !_owner.Device.Paired ? new DBusException(BlueZNames.ErrorNotPermitted, BlueZNames.MessageNotPaired) : null;
    }
}
