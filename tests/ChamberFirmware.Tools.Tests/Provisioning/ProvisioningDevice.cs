using System;
using System.Threading;
using System.Threading.Tasks;
using ChamberCtl.Provisioning;
using ChamberFirmware.ConsoleLink.Ble;
using ChamberFirmware.ConsoleLink.Client;
using ChamberFirmware.ConsoleLink.Device;
using ChamberFirmware.ConsoleLink.Transport;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Core.Runtime;
using ChamberFirmware.Hal.Simulated;
using ChamberFirmware.Hal.Simulated.Storage;
using ChamberFirmware.Tools.Tests.Ble;

namespace ChamberFirmware.Tools.Tests.Provisioning;

/// <summary>
/// A device for the provisioning tests: ChamberRuntime on a SimulatedChamber with simulated
/// storage, its link served either by TcpLinkServerHost on 127.0.0.1 (ephemeral port) or by the
/// stand-in BlueZ on a private D-Bus bus (the board's GATT layout, frames through the runtime).
/// Reboot keeps the storage and builds a new runtime on it, as a power cycle would. Frames go
/// through the runtime (RuntimeLinkEndpoint), as the board's BLE service delivers them.
/// </summary>
internal sealed class ProvisioningDevice : IAsyncDisposable
{
    public const string FirmwareVersion = "1.4.2-test";
    public const string BleAddress = "C0:FF:EE:00:00:01";

    private int _boots;

    private ProvisioningDevice(LinkKind link)
    {
        Link = link;
        Clock = new ManualClock(1_000_000);
        Board = new SimulatedChamber(seed: 5, Clock);
        Storage = new SimulatedNonVolatileStorage();
    }

    public LinkKind Link { get; }

    public ManualClock Clock { get; }

    public SimulatedChamber Board { get; }

    public SimulatedNonVolatileStorage Storage { get; }

    public ChamberRuntime Runtime { get; private set; } = null!;

    /// <summary>The advertised name as of the last boot (firmware Program.StartBluetooth).</summary>
    public string AdvertisedName { get; private set; } = string.Empty;

    public TcpLinkServerHost? Host { get; private set; }

    public BlueZStandIn? BlueZ { get; private set; }

    public string Target => Link == LinkKind.Tcp ? "tcp:127.0.0.1:" + Host!.EndPoint.Port : "ble:" + BleAddress;

    /// <summary>The BLE client options against the stand-in (scans timed by the given clock; the real one by default).</summary>
    public BleOptions BleOptions(TimeProvider? time = null) => BlueZ!.Options(time ?? TimeProvider.System);

    public bool JumperFitted
    {
        get => Board.ProvisioningJumperFitted;
        set => Board.ProvisioningJumperFitted = value;
    }

    public static async Task<ProvisioningDevice> StartAsync(LinkKind link, bool jumperFitted = true, StandInSetup? setup = null)
    {
        var device = new ProvisioningDevice(link);
        device.JumperFitted = jumperFitted;
        device.Boot();
        if (link == LinkKind.Ble)
        {
            device.BlueZ = await BlueZStandIn.StartAsync(
                new StandInChamber(BleAddress, () => device.AdvertisedName, () => new RuntimeLinkEndpoint(device.Runtime), () => device.Runtime.Diagnostics),
                setup);
        }

        return device;
    }

    /// <summary>The connector chamberctl uses for a target on this device's link.</summary>
    public ILinkConnector Connector(LinkTarget target) => Link == LinkKind.Tcp ? new TcpLinkConnector(target) : new BleLinkConnector(target, BleOptions());

    /// <summary>A fresh transport to the device (the test's own console).</summary>
    public async Task<ILinkTransport> ConnectAsync(CancellationToken cancellationToken) => Link == LinkKind.Tcp
        ? await TcpLinkClientTransport.ConnectAsync(Host!.EndPoint, cancellationToken)
        : await BleLinkConnector.OpenAsync(BleDeviceFilter.Parse(Target), BleOptions(), cancellationToken);

    /// <summary>Power cycle: the link goes down, a new runtime boots on the same storage, the link is served again.</summary>
    public async Task RebootAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        BlueZ?.Disconnect("org.bluez.Reason.Remote");
        Boot();
    }

    /// <summary>Lets the link's flood budget refill between runs (each run spends a few Hellos).</summary>
    public void LetTimePass() => Clock.AdvanceMilliseconds(5_000);

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (BlueZ is not null)
        {
            await BlueZ.DisposeAsync();
        }
    }

    private void Boot()
    {
        var identity = new DiagnosticsIdentity { Manufacturer = "Test", Model = "Chamber", FirmwareRevision = FirmwareVersion, SoftwareRevision = "test" };
        Runtime = new ChamberRuntime(Board, Storage, new SeededNonceSource(100 + _boots++), Clock, identity);
        Runtime.Boot();
        AdvertisedName = ChamberAdvertisement.NameFor(Runtime.Identity.SerialNumber);
        if (Link == LinkKind.Tcp)
        {
            Host = new TcpLinkServerHost(new RuntimeLinkEndpoint(Runtime));
            Host.Start();
        }
    }
}
