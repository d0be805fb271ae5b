using System;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Client;
using ChamberFirmware.ConsoleLink.Device;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Core.Runtime;
using ChamberFirmware.Hal.Simulated;
using ChamberFirmware.Hal.Simulated.Storage;

namespace ChamberFirmware.Tools.Tests.Provisioning;

/// <summary>
/// A device for the provisioning tests: ChamberRuntime on a SimulatedChamber with simulated
/// storage, its link served by TcpLinkServerHost on 127.0.0.1 (ephemeral port). Reboot keeps the
/// storage and builds a new runtime on it, as a power cycle would. Frames go through the runtime
/// (RuntimeLinkEndpoint), as the board's BLE service delivers them.
/// </summary>
internal sealed class ProvisioningDevice : IAsyncDisposable
{
    public const string FirmwareVersion = "1.4.2-test";

    private int _boots;

    private ProvisioningDevice()
    {
        Clock = new ManualClock(1_000_000);
        Board = new SimulatedChamber(seed: 5, Clock);
        Storage = new SimulatedNonVolatileStorage();
    }

    public ManualClock Clock { get; }

    public SimulatedChamber Board { get; }

    public SimulatedNonVolatileStorage Storage { get; }

    public ChamberRuntime Runtime { get; private set; } = null!;

    public TcpLinkServerHost Host { get; private set; } = null!;

    public string Target => "tcp:127.0.0.1:" + Host.EndPoint.Port;

    public bool JumperFitted
    {
        get => Board.ProvisioningJumperFitted;
        set => Board.ProvisioningJumperFitted = value;
    }

    public static ProvisioningDevice Start(bool jumperFitted = true)
    {
        var device = new ProvisioningDevice();
        device.JumperFitted = jumperFitted;
        device.Boot();
        return device;
    }

    /// <summary>Power cycle: the link host stops, a new runtime boots on the same storage, a new host listens.</summary>
    public async Task RebootAsync()
    {
        await Host.DisposeAsync();
        Boot();
    }

    /// <summary>Lets the link's flood budget refill between runs (each run spends a few Hellos).</summary>
    public void LetTimePass() => Clock.AdvanceMilliseconds(5_000);

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();

    private void Boot()
    {
        var identity = new DiagnosticsIdentity { Manufacturer = "Test", Model = "Chamber", FirmwareRevision = FirmwareVersion, SoftwareRevision = "test" };
        Runtime = new ChamberRuntime(Board, Storage, new SeededNonceSource(100 + _boots++), Clock, identity);
        Runtime.Boot();
        Host = new TcpLinkServerHost(new RuntimeLinkEndpoint(Runtime));
        Host.Start();
    }
}
