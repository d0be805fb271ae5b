using System;
using System.CommandLine;
using System.IO;
using System.Threading.Tasks;
using ChamberCtl.Commands;
using ChamberCtl.Provisioning;
using ChamberFirmware.ConsoleLink.Device;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Simulation.Engine;
using ChamberFirmware.Simulation.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace ChamberFirmware.Tools.Tests.TreatmentConsole;

/// <summary>
/// <c>chamberctl console</c> in-process against the simulator's firmware over loopback TCP, with
/// one virtual clock: the console's timers run on a FakeTimeProvider and the simulation is stepped
/// alongside it, waiting for each due heartbeat to reach the firmware before time moves on.
/// </summary>
internal sealed class ConsoleRig : IAsyncDisposable
{
    public const int HeartbeatMilliseconds = 50;

    private readonly TempDirectory _temp = new();
    private readonly TcpLinkServerHost _host;
    private readonly HeartbeatCountingEndpoint _endpoint;
    private DateTimeOffset _heartbeatOrigin;
    private int _heartbeatBase;
    private Task<int>? _run;

    public ConsoleRig(int seed = 11)
    {
        Key = new byte[32];
        new Random(seed).NextBytes(Key);
        Simulation = new ChamberSimulation(new SimulationSetup { Seed = seed, Provisioning = ProvisioningMode.GivenKey, LinkKey = Key }) { ExternalConsole = true };
        _endpoint = new HeartbeatCountingEndpoint(new SimulatedFirmwareLinkEndpoint(Simulation));
        _host = new TcpLinkServerHost(_endpoint);
        _host.Start();
        KeyFile = _temp.Write("sim.key", Convert.ToHexStringLower(Key) + "\n");
    }

    public byte[] Key { get; }

    public string KeyFile { get; }

    public string Target => "tcp:127.0.0.1:" + _host.EndPoint.Port;

    public ChamberSimulation Simulation { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2031, 3, 14, 9, 0, 0, TimeSpan.Zero));

    public LineFeed Input { get; } = new();

    public SignallingWriter Output { get; } = new();

    public SignallingWriter Error { get; } = new();

    public bool Heartbeating { get; private set; }

    public string WriteFile(string name, string text) => _temp.Write(name, text);

    /// <summary>Starts the console (its stdin is <see cref="Input"/>) and waits for the session to open.</summary>
    public async Task OpenAsync(params string[] extra)
    {
        _run = Run(["--target", Target, "--key-file", KeyFile, "--heartbeat-ms", HeartbeatMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture), .. extra]);
        await Output.Changes.UntilAsync(() => Output.Text.Contains("type help", StringComparison.Ordinal) || _run.IsCompleted, () => "the session to open:\n" + Output.Text + Error.Text);
        HeartbeatsStarted();
    }

    /// <summary>Runs the console command to the end with these arguments.</summary>
    public Task<int> Run(string[] arguments)
    {
        var root = new RootCommand { ConsoleCommand.Create(t => new TcpLinkConnector(t), Time, () => Input, () => false) };
        return Task.Run(() => root.Parse(["console", .. arguments]).InvokeAsync(new InvocationConfiguration { Output = Output, Error = Error }));
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
                await _endpoint.Changes.UntilAsync(() => _endpoint.Heartbeats >= due, () => $"heartbeat {due} (have {_endpoint.Heartbeats})");
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

    public async ValueTask DisposeAsync()
    {
        Input.End();
        if (_run is not null)
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(30));
        }

        await _host.DisposeAsync();
        _temp.Dispose();
    }

    private void HeartbeatsStarted()
    {
        Heartbeating = true;
        _heartbeatOrigin = Time.GetUtcNow();
        _heartbeatBase = _endpoint.Heartbeats;
    }
}
