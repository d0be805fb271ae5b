using System;
using System.CommandLine;
using System.IO;
using System.Threading.Tasks;
using ChamberCtl.Commands;
using ChamberCtl.Provisioning;
using ChamberFirmware.ConsoleLink.Ble;
using ChamberFirmware.ConsoleLink.Device;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Simulation.Engine;
using ChamberFirmware.Simulation.Hosting;
using ChamberFirmware.Tools.Tests.Ble;
using ChamberFirmware.Tools.Tests.Provisioning;
using Microsoft.Extensions.Time.Testing;

namespace ChamberFirmware.Tools.Tests.TreatmentConsole;

/// <summary>
/// <c>chamberctl console</c> in-process against the simulator's firmware, over loopback TCP or over
/// Bluetooth LE (the stand-in BlueZ on a private D-Bus bus, its frame characteristic fed to the same
/// firmware), with one virtual clock: the console's timers (and its BLE client's) run on a
/// FakeTimeProvider and the simulation is stepped alongside it, waiting for each due heartbeat to
/// reach the firmware before time moves on.
/// </summary>
internal sealed class ConsoleRig : IAsyncDisposable
{
    public const int HeartbeatMilliseconds = 50;
    public const string BleAddress = "C0:FF:EE:00:00:11";

    private readonly TempDirectory _temp = new();
    private readonly HeartbeatCountingEndpoint _endpoint;
    private TcpLinkServerHost? _host;
    private DateTimeOffset _heartbeatOrigin;
    private int _heartbeatBase;
    private Task<int>? _run;

    private ConsoleRig(LinkKind link, int seed)
    {
        Link = link;
        Key = new byte[32];
        new Random(seed).NextBytes(Key);
        Simulation = new ChamberSimulation(new SimulationSetup { Seed = seed, Provisioning = ProvisioningMode.GivenKey, LinkKey = Key }) { ExternalConsole = true };
        _endpoint = new HeartbeatCountingEndpoint(new SimulatedFirmwareLinkEndpoint(Simulation));
        KeyFile = _temp.Write("sim.key", Convert.ToHexStringLower(Key) + "\n");
    }

    public LinkKind Link { get; }

    public byte[] Key { get; }

    public string KeyFile { get; }

    /// <summary>Over BLE the chamber is named by its serial, as a technician would after provisioning.</summary>
    public string Target => Link == LinkKind.Tcp ? "tcp:127.0.0.1:" + _host!.EndPoint.Port : "ble:serial=" + Simulation.Setup.SerialNumber;

    /// <summary>The stand-in BlueZ (BLE rigs only).</summary>
    public BlueZStandIn? BlueZ { get; private set; }

    public ChamberSimulation Simulation { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2031, 3, 14, 9, 0, 0, TimeSpan.Zero));

    public LineFeed Input { get; } = new();

    public SignallingWriter Output { get; } = new();

    public SignallingWriter Error { get; } = new();

    public bool Heartbeating { get; private set; }

    public string WriteFile(string name, string text) => _temp.Write(name, text);

    /// <summary>A rig whose console reaches the simulated firmware over the given link.</summary>
    public static async Task<ConsoleRig> StartAsync(LinkKind link, int seed = 11)
    {
        var rig = new ConsoleRig(link, seed);
        if (link == LinkKind.Tcp)
        {
            rig._host = new TcpLinkServerHost(rig._endpoint);
            rig._host.Start();
        }
        else
        {
            string name = ChamberAdvertisement.NameFor(rig.Simulation.Setup.SerialNumber);
            rig.BlueZ = await BlueZStandIn.StartAsync(new StandInChamber(BleAddress, () => name, () => rig._endpoint, () => rig.Simulation.Firmware.Diagnostics));
        }

        return rig;
    }

    /// <summary>
    /// The link dies under the console, from the chamber's side: the TCP host goes away, or the
    /// radio link drops (BlueZ reports the device disconnected). The console's heartbeats stop with it.
    /// </summary>
    public async Task DropLinkAsync()
    {
        Heartbeating = false;
        if (_host is not null)
        {
            var host = _host;
            _host = null;
            await host.DisposeAsync();
        }
        else
        {
            BlueZ!.Disconnect("org.bluez.Reason.Timeout");
        }
    }

    /// <summary>Starts the console (its stdin is <see cref="Input"/>) and waits for the session to open.</summary>
    public async Task OpenAsync(params string[] extra)
    {
        _run = Run(["--target", Target, "--key-file", KeyFile, "--heartbeat-ms", HeartbeatMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture), .. extra]);
        await Output.Changes.UntilAsync(() => Output.Text.Contains("type help", StringComparison.Ordinal) || _run.IsCompleted, () => "the session to open:\n" + Output.Text + Error.Text);
        if (_run.IsCompleted)
        {
            throw new InvalidOperationException("the console ended instead of opening a session:\n" + Output.Text + Error.Text);
        }

        HeartbeatsStarted();
    }

    /// <summary>Opens the session, arms a 60 s treatment and starts it: the chamber is Active, heartbeats flowing.</summary>
    public async Task OpenActiveTreatmentAsync()
    {
        await OpenAsync();
        await AdvanceAsync(300);
        await TypeAsync("arm --duration 60s", "arm: ok");
        if (!await AdvanceUntilAsync(ChamberState.Armed, 2_000))
        {
            throw new InvalidOperationException("not Armed after arm: " + Simulation.State);
        }

        await TypeAsync("start", "start: ok");
        await AdvanceAsync(500);
        if (Simulation.State != ChamberState.Active)
        {
            throw new InvalidOperationException("not Active after start: " + Simulation.State);
        }
    }

    /// <summary>Runs the console command to the end with these arguments.</summary>
    public Task<int> Run(string[] arguments)
    {
        var root = new RootCommand { ConsoleCommand.Create(Connector, Time, () => Input, () => false) };
        var run = Task.Run(() => root.Parse(["console", .. arguments]).InvokeAsync(new InvocationConfiguration { Output = Output, Error = Error }));
        // Waiters on output or heartbeats re-check when the console ends, so a dead console fails them at once.
        _ = run.ContinueWith(_ => { Output.Changes.Notify(); _endpoint.Changes.Notify(); }, TaskScheduler.Default);
        return run;
    }

    /// <summary>Types a command and waits until the console has printed <paramref name="expected"/> after it.</summary>
    public async Task TypeAsync(string line, string expected)
    {
        int from = Output.Text.Length;
        Input.Type(line);
        await Output.Changes.UntilAsync(() => Output.Text.IndexOf(expected, from, StringComparison.Ordinal) >= 0, () => $"'{expected}' after '{line}':\n{Output.Text[from..]}");
        if (line == "pause-heartbeat")
        {
            Heartbeating = false;
        }
        else if (line == "resume-heartbeat")
        {
            HeartbeatsStarted();
        }
    }

    /// <summary>Moves the console's clock and the simulation together, 10 ms at a time.</summary>
    public async Task AdvanceAsync(int milliseconds)
    {
        for (int i = 0; i < milliseconds / 10; i++)
        {
            Time.Advance(TimeSpan.FromMilliseconds(10));
            if (Heartbeating)
            {
                int due = _heartbeatBase + (int)((Time.GetUtcNow() - _heartbeatOrigin).TotalMilliseconds / HeartbeatMilliseconds);
                // A console that ended sends no more heartbeats: fail at once rather than wait out every step.
                await _endpoint.Changes.UntilAsync(() => _endpoint.Heartbeats >= due || _run is { IsCompleted: true }, () => $"heartbeat {due} (have {_endpoint.Heartbeats})");
                if (_endpoint.Heartbeats < due)
                {
                    throw new InvalidOperationException("the console ended while heartbeating:\n" + Output.Text + Error.Text);
                }
            }

            Simulation.AdvanceMilliseconds(10);
        }
    }

    public async Task<bool> AdvanceUntilAsync(ChamberState state, int limitMilliseconds)
    {
        for (int elapsed = 0; elapsed < limitMilliseconds && Simulation.State != state; elapsed += 10)
        {
            await AdvanceAsync(10);
        }

        return Simulation.State == state;
    }

    /// <summary>Ends the console's input (as Ctrl+D) and returns its exit code.</summary>
    public async Task<int> QuitAsync()
    {
        Input.Type("quit");
        return await _run!.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>The exit code of a console that ends by itself (bounded: a hung console fails the test).</summary>
    public Task<int> ExitCodeAsync() => _run!.WaitAsync(TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync()
    {
        Input.End();
        try
        {
            if (_run is not null)
            {
                await _run.WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
        finally
        {
            // The chamber's side goes even when the console did not end in time (a failing test).
            if (_host is not null)
            {
                await _host.DisposeAsync();
            }

            if (BlueZ is not null)
            {
                await BlueZ.DisposeAsync();
            }

            _temp.Dispose();
        }
    }

    private ILinkConnector Connector(LinkTarget target) =>
        Link == LinkKind.Tcp ? new TcpLinkConnector(target) : new BleLinkConnector(target, BlueZ!.Options(Time));

    private void HeartbeatsStarted()
    {
        Heartbeating = true;
        _heartbeatOrigin = Time.GetUtcNow();
        _heartbeatBase = _endpoint.Heartbeats;
    }
}
