using System;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Runtime;
using ChamberFirmware.Core.Tests.Link;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Hal.Simulated;
using ChamberFirmware.Hal.Simulated.Plant;
using ChamberFirmware.Hal.Simulated.Storage;
using Xunit;

namespace ChamberFirmware.Core.Tests.Runtime;

/// <summary>
/// The firmware runtime on a simulated chamber, driven synchronously: one <see cref="Tick"/> is
/// 10 ms, with the calls in the order the runtime documents (console frames, ControlStep every
/// second tick, SupervisorStep). Which loops run can be switched off to model a hung thread.
/// </summary>
public sealed class RuntimeRig
{
    public const long TickMicroseconds = 10_000;

    private readonly byte[] _response = new byte[LinkProtocol.MaxFrameSize];
    private readonly byte[] _telemetry = new byte[LinkProtocol.MaxFrameSize];

    public RuntimeRig(int seed = 1, SimulatedNonVolatileStorage? storage = null, PlantParameters? plant = null)
    {
        Clock = new ManualClock(0);
        Chamber = new SimulatedChamber(seed, Clock, plant);
        Storage = storage ?? new SimulatedNonVolatileStorage();
        Runtime = NewRuntime();
    }

    public ManualClock Clock { get; }
    public SimulatedChamber Chamber { get; }
    public SimulatedNonVolatileStorage Storage { get; }
    public ChamberRuntime Runtime { get; private set; }

    /// <summary>The console bound over the link (null before <see cref="Connect"/>).</summary>
    public TestConsole? Console { get; private set; }

    public bool RunSupervisor { get; set; } = true;
    public bool RunControl { get; set; } = true;
    public bool SendHeartbeats { get; set; } = true;

    /// <summary>Heartbeat period of the console (the link timeout is 250 ms by default).</summary>
    public long HeartbeatPeriodMicroseconds { get; set; } = 50_000;

    public long Ticks { get; private set; }

    public static DiagnosticsIdentity TestIdentity => new()
    {
        Manufacturer = "Chamber Works",
        Model = "NC-1",
        FirmwareRevision = "1.0.0",
        SoftwareRevision = "runtime-tests",
    };

    /// <summary>A power cycle of the controller (same board, same storage, RAM lost).</summary>
    public void Reboot()
    {
        Console = null;
        Runtime = NewRuntime();
    }

    private ChamberRuntime NewRuntime()
    {
        var runtime = new ChamberRuntime(Chamber, Storage, new SeededNonceSource(17), Clock, TestIdentity);
        runtime.Boot();
        return runtime;
    }

    public byte[] Send(byte[] frame)
    {
        int length = Runtime.HandleLinkFrame(frame, 0, frame.Length, _response, 0);
        return _response.AsSpan(0, length).ToArray();
    }

    /// <summary>FactoryProvision (unauthenticated, jumper): returns the Notice's result.</summary>
    public CommandResult FactoryProvision(byte[] key) =>
        OpenNotice(Send(FactoryProvisionFrame(key)), LinkMessageType.FactoryProvision);

    /// <summary>An unauthenticated FactoryProvision frame carrying <paramref name="key"/>.</summary>
    public static byte[] FactoryProvisionFrame(byte[] key)
    {
        byte[] frame = new byte[LinkProtocol.MaxFrameSize];
        key.CopyTo(frame, LinkProtocol.HeaderSize);
        int length = LinkFrame.WriteUnauthenticated(frame, 0, (byte)LinkMessageType.FactoryProvision, key.Length);
        return frame.AsSpan(0, length).ToArray();
    }

    public static CommandResult OpenNotice(byte[] notice, LinkMessageType request)
    {
        Assert.Equal(LinkRejectReason.None, LinkFrame.ParseHeader(notice, 0, notice.Length, out byte type, out _, out int payloadLength));
        Assert.Equal((byte)LinkMessageType.Notice, type);
        Assert.Equal(2, payloadLength);
        Assert.Equal((byte)request, notice[LinkProtocol.OffsetPayload]);
        return (CommandResult)notice[LinkProtocol.OffsetPayload + 1];
    }

    /// <summary>Hello + SessionConfirm with <paramref name="key"/>; asserts the session is bound.</summary>
    public TestConsole Connect(byte[] key, int seed = 5)
    {
        var console = new TestConsole(key, seed);
        byte[] challenge = Send(console.Hello());
        Assert.True(console.AcceptChallenge(challenge), "challenge did not verify with the console's key");
        var (result, _, _, request) = console.OpenResponse(Send(console.Frame(LinkMessageType.SessionConfirm)));
        Assert.Equal(LinkMessageType.SessionConfirm, request);
        Assert.Equal(CommandResult.Ok, result);
        Console = console;
        return console;
    }

    public (CommandResult Result, int Detail) Command(LinkMessageType type, byte[]? payload = null)
    {
        TestConsole console = Console ?? throw new InvalidOperationException("not connected");
        var (result, detail, _, request) = console.OpenResponse(Send(console.Frame(type, payload)));
        Assert.Equal(type, request);
        return (result, detail);
    }

    public CommandResult Arm(TreatmentProfile profile)
    {
        byte[] payload = new byte[LinkPayloads.ProfileSize];
        LinkPayloads.WriteProfile(profile, payload, 0);
        return Command(LinkMessageType.Arm, payload).Result;
    }

    public void Heartbeat()
    {
        TestConsole console = Console ?? throw new InvalidOperationException("not connected");
        Assert.Empty(Send(console.Frame(LinkMessageType.Heartbeat)));
    }

    /// <summary>One 10 ms period: clock on, console frames, ControlStep (every 2nd tick), SupervisorStep.</summary>
    public void Tick()
    {
        Chamber.Advance(TickMicroseconds);
        Ticks++;
        if (Console != null && SendHeartbeats && Clock.NowMicroseconds % HeartbeatPeriodMicroseconds == 0)
        {
            Heartbeat();
        }

        if (Clock.NowMicroseconds % (RuntimeTiming.TelemetryPeriodMilliseconds * 1000L) == 0)
        {
            Runtime.BuildTelemetryFrame(_telemetry, 0);
        }

        if (RunControl && Clock.NowMicroseconds % (RuntimeTiming.ControlPeriodMilliseconds * 1000L) == 0)
        {
            Runtime.ControlStep();
        }

        if (RunSupervisor)
        {
            Runtime.SupervisorStep();
        }
    }

    public void Run(int milliseconds)
    {
        for (int i = 0; i < milliseconds / 10; i++)
        {
            Tick();
        }
    }

    /// <summary>Ticks until <paramref name="condition"/> holds; fails after <paramref name="maxMilliseconds"/>.</summary>
    public int RunUntil(Func<bool> condition, int maxMilliseconds, string what)
    {
        for (int i = 0; i < maxMilliseconds / 10; i++)
        {
            if (condition())
            {
                return i;
            }

            Tick();
        }

        Assert.True(condition(), $"{what} not reached within {maxMilliseconds} ms");
        return maxMilliseconds / 10;
    }

    public static TreatmentProfile Profile(int target = 3_000, int limit = 12_000, int growth = 400, int durationMs = 20_000) => new()
    {
        TargetCount = target,
        CountLimit = limit,
        GrowthLimitPermillePerSecond = growth,
        DurationMilliseconds = durationMs,
        RampChannelsPerSecond = 8,
        MaxActiveChannels = 8,
    };

    public static byte[] Key(int seed)
    {
        byte[] key = new byte[LinkProtocol.DeviceKeySize];
        new Random(seed).NextBytes(key);
        return key;
    }

    /// <summary>
    /// Bench provisioning of a factory board (identity, key and settings as one record through the
    /// runtime's ProvisioningService, as docs/flashing.md step 6 describes) → reboot → bound
    /// session with heartbeats running.
    /// </summary>
    public TestConsole ProvisionAndConnect(byte[] key, ChamberSettings? settings = null)
    {
        ProvisioningService provisioning = Runtime.Provisioning;
        Assert.Equal(CommandResult.Ok, provisioning.Begin());
        Assert.Equal(CommandResult.Ok, provisioning.StageIdentity("CH-000777", "B2"));
        Assert.Equal(CommandResult.Ok, provisioning.StageLinkKey(key, 0, key.Length));
        Assert.Equal(CommandResult.Ok, provisioning.StageSettings(settings ?? new ChamberSettings(), out _));
        Assert.Equal(CommandResult.Ok, provisioning.Commit());
        Reboot();
        TestConsole console = Connect(key);
        Run(500);
        return console;
    }

    /// <summary>The event log, oldest first.</summary>
    public DiagnosticsEventRecord[] Events()
    {
        var log = Runtime.Diagnostics.EventLog;
        var records = new DiagnosticsEventRecord[log.Capacity];
        for (int i = 0; i < records.Length; i++)
        {
            records[i] = new DiagnosticsEventRecord();
        }

        int copied = log.CopyWindow(0, log.Capacity, records, new uint[2]);
        Assert.True(copied >= 0);
        var result = records.AsSpan(0, copied).ToArray();
        Array.Reverse(result);
        return result;
    }

    /// <summary>Provisioned, bound, armed and started; returns once the emitters are really on.</summary>
    public void StartSession(TreatmentProfile profile) => StartSessionWith(profile);

    /// <summary>Provisions, binds, arms and starts a session; returns the bound console.</summary>
    public TestConsole StartSessionWith(TreatmentProfile profile)
    {
        TestConsole console = ProvisionAndConnect(Key(42));
        Assert.Equal(CommandResult.Ok, Arm(profile));
        RunUntil(() => Runtime.Controller.State == ChamberState.Armed, 500, "Armed");
        Assert.Equal(CommandResult.Ok, Command(LinkMessageType.Start).Result);
        RunUntil(() => Chamber.PoweredChannelMask != 0, 1_000, "emitters powered");
        return console;
    }
}
