using System;
using Tmds.DBus;

namespace ChamberFirmware.ConsoleLink.Ble;

/// <summary>
/// Where BlueZ is and how long to look: the D-Bus address (the system bus, which honours
/// DBUS_SYSTEM_BUS_ADDRESS; tests give a private bus), the clock that times scans and connects, how
/// long a target is searched for before "not found", and how long connecting (pairing included)
/// and resolving the GATT services may take once it was found.
/// </summary>
public sealed record BleOptions(string BusAddress, TimeProvider Time, TimeSpan ScanTimeout)
{
    public static readonly TimeSpan DefaultScanTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Long enough for a Just Works pairing and service discovery on a busy radio.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(30);

    public TimeSpan ConnectTimeout { get; init; } = DefaultConnectTimeout;

    public static BleOptions SystemBus => new(Address.System ?? "unix:path=/var/run/dbus/system_bus_socket", TimeProvider.System, DefaultScanTimeout);
}
