using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Ble;
using ChamberFirmware.ConsoleLink.Ble.BlueZ;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Core.Link;
using Tmds.DBus;

namespace ChamberFirmware.Tools.Tests.Ble;

/// <summary>
/// A stand-in for bluetoothd on a private bus: owns org.bluez and exports, at BlueZ's documented
/// paths, the ObjectManager ("/"), the adapter (/org/bluez/hci0), the chamber's device object
/// (…/dev_XX_XX_XX_XX_XX_XX, added when a discovery sees it advertise) and, while connected, its
/// GATT services and characteristics (…/serviceXXXX/charYYYY) with the firmware's layout
/// (docs/ble-gatt.md). Writes to the frame characteristic go to the real runtime's link loop in
/// order and its answers come back as notifications, as on the board: the write is acknowledged
/// first, then the answer is notified. A disconnect is link loss for the runtime.
/// </summary>
internal sealed class BlueZStandIn : IAsyncDisposable
{
    public const short Rssi = -58;

    private readonly PrivateBus _bus;
    private readonly Connection _connection;
    private readonly StandInChamber _chamber;
    private readonly StandInObjectManager _objects;
    private readonly Channel<Action> _boardLoop = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _boardTask;
    private readonly object _lock = new();
    private readonly TaskCompletionSource _discoveryStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _linkUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private List<StandInGattService> _services = new();
    private List<StandInCharacteristic> _characteristics = new();
    private bool _deviceExported;
    private bool _dropped;

    private BlueZStandIn(PrivateBus bus, Connection connection, StandInChamber chamber, StandInSetup setup)
    {
        _bus = bus;
        _connection = connection;
        _chamber = chamber;
        Setup = setup;
        _objects = new StandInObjectManager(this);
        Adapter = setup.AdapterPresent ? new StandInAdapter(this, setup.AdapterPowered) : null;
        Device = new StandInDevice(this, BleAddress.DevicePath(StandInAdapter.Path, chamber.Address), chamber.Address, chamber.Name());
        _boardTask = Task.Run(RunBoardLoopAsync);
    }

    public StandInSetup Setup { get; }

    public StandInAdapter? Adapter { get; }

    public StandInDevice Device { get; }

    public StandInCharacteristic? Frames => _characteristics.FirstOrDefault(c => (string)c.Properties["UUID"] == ChamberAdvertisement.FrameCharacteristicUuid);

    public string BusAddress => _bus.Address;

    /// <summary>Completes when a client starts discovery (the test then lets scan time pass).</summary>
    public Task DiscoveryStarted => _discoveryStarted.Task;

    /// <summary>Completes when a central's LE link first comes up (Connected = true).</summary>
    public Task LinkUp => _linkUp.Task;

    /// <summary>What went over the air, over every connection of this stand-in.</summary>
    public StandInRadioLog Radio { get; } = new();

    public int Connections { get; private set; }

    public int Disconnections { get; private set; }

    /// <summary>Whether the drop of <see cref="StandInSetup.DropAt"/> happened.</summary>
    public bool Dropped => _dropped;

    public static async Task<BlueZStandIn> StartAsync(StandInChamber chamber, StandInSetup? setup = null)
    {
        setup ??= new StandInSetup();
        var bus = await PrivateBus.StartAsync(setup.DenyBlueZ);
        var connection = new Connection(bus.Address);
        try
        {
            await connection.ConnectAsync();
            var standIn = new BlueZStandIn(bus, connection, chamber, setup);
            await connection.RegisterObjectAsync(standIn._objects);
            if (standIn.Adapter is not null)
            {
                await connection.RegisterObjectAsync(standIn.Adapter);
            }

            if (setup.AlreadyPaired || setup.ConnectedByOtherProgram)
            {
                standIn.Device.Properties.Init("Paired", true);
                standIn.Device.Properties.Init("Bonded", true);
                standIn.Device.Properties.Init("Connected", setup.ConnectedByOtherProgram);
                await standIn.ExportDeviceAsync(withRssi: false);
            }

            await connection.RegisterServiceAsync(BlueZNames.Service);
            return standIn;
        }
        catch
        {
            connection.Dispose();
            await bus.DisposeAsync();
            throw;
        }
    }

    /// <summary>Client options for this bus; scans are timed by the given clock.</summary>
    public BleOptions Options(TimeProvider time) => new(_bus.Address, time, BleOptions.DefaultScanTimeout);

    /// <summary>The board's link thread sends a telemetry frame (firmware LinkPump → ControlGattService.Send).</summary>
    public Task SendTelemetryAsync() => OnBoard(() =>
    {
        byte[] frame = new byte[LinkProtocol.MaxFrameSize];
        int length = _chamber.Link().BuildTelemetryFrame(frame, 0);
        if (length > 0)
        {
            Frames?.Notify(frame.AsSpan(0, length).ToArray());
        }
    });

    public async ValueTask DisposeAsync()
    {
        _boardLoop.Writer.TryComplete();
        await _boardTask.WaitAsync(TimeSpan.FromSeconds(10));
        _connection.Dispose();
        await _bus.DisposeAsync();
    }

    internal IDictionary<ObjectPath, IDictionary<string, IDictionary<string, object>>> ManagedObjects()
    {
        var all = new Dictionary<ObjectPath, IDictionary<string, IDictionary<string, object>>>();
        lock (_lock)
        {
            if (Adapter is not null)
            {
                all[Adapter.ObjectPath] = new Dictionary<string, IDictionary<string, object>> { [BlueZNames.AdapterInterface] = Adapter.Properties.Snapshot() };
            }

            if (_deviceExported)
            {
                all[Device.ObjectPath] = new Dictionary<string, IDictionary<string, object>> { [BlueZNames.DeviceInterface] = Device.Properties.Snapshot() };
            }

            foreach (var service in _services)
            {
                all[service.ObjectPath] = new Dictionary<string, IDictionary<string, object>> { [BlueZNames.GattServiceInterface] = service.Properties.Snapshot() };
            }

            foreach (var characteristic in _characteristics)
            {
                all[characteristic.ObjectPath] = new Dictionary<string, IDictionary<string, object>> { [BlueZNames.GattCharacteristicInterface] = characteristic.Properties.Snapshot() };
            }
        }

        return all;
    }

    /// <summary>A discovery started: the chamber is seen if it advertises and passes the filter.</summary>
    internal void OnDiscoveryStarted(IDictionary<string, object>? filter)
    {
        _discoveryStarted.TrySetResult();
        bool passes = filter is null
            || ((!filter.TryGetValue("UUIDs", out object? uuids) || uuids is string[] list && list.Any(u => string.Equals(u, ChamberAdvertisement.DiagnosticsServiceUuid, StringComparison.OrdinalIgnoreCase)))
                && (!filter.TryGetValue("Transport", out object? transport) || transport is "le" or "auto"));
        if (!Setup.Advertising || Device.Connected || !passes)
        {
            return;
        }

        // The advertisement carries the name the board took at its last start-up.
        string name = _chamber.Name();
        if (!_deviceExported)
        {
            Device.Properties.Init("Name", name);
            Device.Properties.Init("Alias", name);
            _ = ExportDeviceAsync(withRssi: true);
        }
        else
        {
            if ((string)Device.Properties["Name"] != name)
            {
                Device.Properties.Change("Name", name);
                Device.Properties.Change("Alias", name);
            }

            Device.Properties.Change("RSSI", Rssi);
        }
    }

    internal Task RemoveDeviceAsync(string path)
    {
        if (path != Device.Path || !_deviceExported)
        {
            return Task.FromException(new DBusException("org.bluez.Error.DoesNotExist", "Does Not Exist"));
        }

        if (Device.Connected)
        {
            Disconnect("org.bluez.Reason.Local");
        }

        lock (_lock)
        {
            _deviceExported = false;
        }

        _connection.UnregisterObject(Device);
        _objects.Removed(Device.Path, BlueZNames.DeviceInterface);
        return Task.CompletedTask;
    }

    /// <summary>LE connect: the board must be advertising; then its GATT database is resolved and exported.</summary>
    internal async Task ConnectAsync()
    {
        if (!Setup.Advertising)
        {
            // BlueZ's LE connect gives up when the peer never shows up (it does not advertise).
            throw new DBusException(BlueZNames.ErrorFailed, "le-connection-abort-by-local");
        }

        Connections++;
        Device.Properties.Change("Connected", true);
        _linkUp.TrySetResult();
        if (!Setup.ResolvesServices)
        {
            return;
        }

        await ExportGattAsync();
        Device.Properties.Remove("RSSI");
        Device.Properties.Change("ServicesResolved", true);
    }

    /// <summary>The link goes down (either side or the radio): properties, GATT objects removed, link loss on the board.</summary>
    internal void Disconnect(string reason)
    {
        List<StandInGattService> services;
        List<StandInCharacteristic> characteristics;
        lock (_lock)
        {
            if (!Device.Connected)
            {
                return;
            }

            services = _services;
            characteristics = _characteristics;
            _services = new List<StandInGattService>();
            _characteristics = new List<StandInCharacteristic>();
        }

        Disconnections++;
        Device.Properties.Change("ServicesResolved", false);
        Device.Properties.Change("Connected", false);
        foreach (var characteristic in characteristics)
        {
            _connection.UnregisterObject(characteristic);
            _objects.Removed(characteristic.Path, BlueZNames.GattCharacteristicInterface);
        }

        foreach (var service in services)
        {
            _connection.UnregisterObject(service);
            _objects.Removed(service.Path, BlueZNames.GattServiceInterface);
        }

        _ = reason;
        _boardLoop.Writer.TryWrite(() => _chamber.Link().OnLinkTransportClosed());
    }

    private Task OnBoard(Action action)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _boardLoop.Writer.TryWrite(() =>
        {
            action();
            done.TrySetResult();
        });
        return done.Task;
    }

    private async Task RunBoardLoopAsync()
    {
        await foreach (var action in _boardLoop.Reader.ReadAllAsync())
        {
            action();
        }
    }

    /// <summary>A write to the frame characteristic: acknowledged, then handled by the link loop and answered by notification.</summary>
    private Task OnFrameWritten(byte[] frame)
    {
        bool drop = Setup.DropAt is { } type && !_dropped && frame.Length > LinkProtocol.OffsetType && frame[LinkProtocol.OffsetType] == (byte)type;
        if (drop && !Setup.DropAfterDelivering)
        {
            // The radio link dies before the frame gets through: the write is never acknowledged.
            _dropped = true;
            Disconnect("org.bluez.Reason.Timeout");
            return Task.FromException(new DBusException(BlueZNames.ErrorFailed, "Not connected"));
        }

        var frames = Frames;
        _boardLoop.Writer.TryWrite(() =>
        {
            byte[] response = new byte[LinkProtocol.MaxFrameSize];
            int length = _chamber.Link().HandleLinkFrame(frame, 0, frame.Length, response, 0);
            if (drop)
            {
                // Delivered, then the radio link dies: the answer is lost.
                _dropped = true;
                Disconnect("org.bluez.Reason.Timeout");
                return;
            }

            if (length > 0)
            {
                frames?.Notify(response.AsSpan(0, length).ToArray());
            }
        });
        return Task.CompletedTask;
    }

    private async Task ExportDeviceAsync(bool withRssi)
    {
        if (withRssi)
        {
            Device.Properties.Init("RSSI", Rssi);
        }

        await _connection.RegisterObjectAsync(Device);
        lock (_lock)
        {
            _deviceExported = true;
        }

        _objects.Added(Device.Path, BlueZNames.DeviceInterface, Device.Properties.Snapshot());
    }

    private async Task ExportGattAsync()
    {
        var services = new List<StandInGattService>();
        var characteristics = new List<StandInCharacteristic>();
        var diagnostics = new StandInGattService(Device.Path, 0x0010, DiagnosticsCharacteristic.ServiceUuid);
        services.Add(diagnostics);
        ushort handle = 0x0011;
        int[] ids = [DiagnosticsCharacteristic.Identity, DiagnosticsCharacteristic.Status, DiagnosticsCharacteristic.Counters, DiagnosticsCharacteristic.Telemetry,
            .. Enumerable.Range(DiagnosticsCharacteristic.EventWindowFirst, DiagnosticsCharacteristic.EventWindowCount)];
        foreach (int id in ids)
        {
            string[] flags = id == DiagnosticsCharacteristic.Telemetry ? ["read", "notify", "encrypt-read"] : ["read", "encrypt-read"];
            int characteristic = id;
            characteristics.Add(new StandInCharacteristic(this, diagnostics, handle, DiagnosticsCharacteristic.UuidFor(id), flags, () => ReadDiagnostics(characteristic), null));
            handle += 3;
        }

        var control = new StandInGattService(Device.Path, 0x0050, ChamberAdvertisement.ControlServiceUuid);
        services.Add(control);
        characteristics.Add(new StandInCharacteristic(this, control, 0x0051, ChamberAdvertisement.FrameCharacteristicUuid,
            ["write", "notify", "encrypt-write"], null, OnFrameWritten));

        foreach (var service in services)
        {
            await _connection.RegisterObjectAsync(service);
            _objects.Added(service.Path, BlueZNames.GattServiceInterface, service.Properties.Snapshot());
        }

        foreach (var characteristic in characteristics)
        {
            await _connection.RegisterObjectAsync(characteristic);
            _objects.Added(characteristic.Path, BlueZNames.GattCharacteristicInterface, characteristic.Properties.Snapshot());
        }

        lock (_lock)
        {
            _services = services;
            _characteristics = characteristics;
        }
    }

    private byte[] ReadDiagnostics(int id)
    {
        byte[] buffer = new byte[DiagnosticsPayloads.MaxPayloadLength];
        int length = _chamber.Diagnostics().Read(id, buffer, 0);
        if (length < 0)
        {
            // The GATT adapter answers a busy snapshot with an ATT error; the client reads again.
            throw new DBusException(BlueZNames.ErrorFailed, "Operation failed with ATT error: 0x0e");
        }

        return buffer.AsSpan(0, length).ToArray();
    }
}
