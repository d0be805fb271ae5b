using System;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Tests.Link;
using ChamberFirmware.Hal.Sensors;
using ChamberFirmware.Hal.Simulated;

namespace ChamberFirmware.Core.Tests.Safety;

/// <summary>
/// The C# side of a model step (docs/model/supervisor.pml): the real SafetySupervisor and the real
/// LinkServer on a manual clock, with the world the model abstracts (healthy sensors that jitter,
/// every loop checking in, the interlock hold circuit, the read-back after the bank switch, three
/// consoles: A and B with the device key, X without). Apply() plays one model step; the Observed*
/// properties are what the test compares with the model's state after it.
/// </summary>
internal sealed class ModelConformanceRig
{
    public const int Nobody = 0;
    public const int ConsoleA = 1;
    public const int ConsoleB = 2;
    public const int ConsoleX = 3;

    // The model's abstraction of the profile: limits far from the jittering count of 2000.
    private const int CountLimit = 100_000;
    private const int GrowthLimit = 200;
    private const int Channel = 1;

    private readonly byte[] _response = new byte[LinkProtocol.MaxFrameSize];
    private readonly TestConsole[] _consoles;
    private readonly Random _forgery = new(5);
    private byte[]? _lastAcceptedConfirm;
    private int _boundConsole;
    private int _ticks;
    private int _sequence;
    private long _lastToggle = long.MinValue;
    private bool _stuckOn;
    private bool _keepAliveStuck;
    private bool _neverPowers;

    public ModelConformanceRig()
    {
        Supervisor = new SafetySupervisor(new ChamberSettings { RearmHeartbeats = 2 });
        Control = new ModelChamberControl(Supervisor);
        var provisioning = new FakeProvisioningTarget((byte[])LinkTestRig.DeviceKey.Clone());
        // The flood budget is not part of the model: wide enough that X's frames never starve A and B.
        Server = new LinkServer(Control, provisioning, provisioning, new FakeJumper(), new SeededNonceSource(1), Clock, 100_000, 100_000);
        _consoles = new[]
        {
            null!,
            new TestConsole(LinkTestRig.DeviceKey, 11),
            new TestConsole(LinkTestRig.DeviceKey, 12),
            new TestConsole(LinkTestRig.CreateKey(99), 13),
        };

        // The model's initial state: A bound, a healthy history long enough to arm and clear, Idle.
        Hello(ConsoleA);
        if (!Confirm(ConsoleA))
        {
            throw new InvalidOperationException("console A could not bind");
        }

        for (int i = 0; i < 30; i++)
        {
            Tick(false);
        }
    }

    public ManualClock Clock { get; } = new(1_000_000);
    public SafetySupervisor Supervisor { get; }
    public ModelChamberControl Control { get; }
    public LinkServer Server { get; }
    public SupervisorOutputs Outputs { get; private set; } = new();
    public long Now => Clock.NowMicroseconds;

    public int ObservedBound => Server.IsSessionBound ? _boundConsole : Nobody;

    /// <summary>Plays one model step; returns a description of a result that differs from the model's, or null.</summary>
    public string? Apply(ModelTraceStep step)
    {
        string? mismatch = null;
        switch (step.Kind)
        {
            case "tick":
                Tick(step.Arg("err") == 1);
                break;
            case "arm":
                int blocking = (int)Supervisor.BeginArm(CountLimit, GrowthLimit, 8, Now);
                mismatch = Expect("BeginArm blocking reasons", step.Arg("res"), blocking);
                break;
            case "disarm":
                Supervisor.Disarm(Now);
                break;
            case "start":
                Control.Active = Supervisor.Mode == SupervisorMode.Ready;
                break;
            case "request":
            case "lease":
                int ticks = step.Arg("ticks");
                bool granted = Supervisor.RequestEmitters(ticks > 0 ? Channel : 0, ticks > 0 ? ticks * HardLimits.SupervisorPeriodMilliseconds : HardLimits.SupervisorPeriodMilliseconds, Now);
                mismatch = Expect("RequestEmitters granted", step.Arg("ok"), granted ? 1 : 0);
                break;
            case "clear":
                bool cleared = Supervisor.TryClear(Now, out CutReasons still);
                mismatch = Expect("TryClear accepted", step.Arg("ok"), cleared ? 1 : 0)
                    ?? Expect("TryClear still-present reasons", step.Arg("still"), (int)still);
                break;
            case "hello":
                Hello(step.Arg("c"));
                break;
            case "confirm":
                mismatch = Expect("SessionConfirm accepted", step.Arg("ok"), Confirm(step.Arg("c")) ? 1 : 0);
                break;
            case "replay":
                mismatch = Expect("replayed confirm taken", 0, Send(_lastAcceptedConfirm ?? ForgedConfirm()).Length == 0 ? 0 : 1);
                break;
            case "close":
                Server.OnTransportClosed();
                break;
            case "fault":
                _stuckOn = step.Arg("stuck") == 1;
                _keepAliveStuck = step.Arg("ka") == 1;
                _neverPowers = step.Arg("never") == 1;
                break;
            default:
                throw new FormatException($"trace line {step.LineNumber}: unknown step '{step.Kind}'");
        }

        // The treatment controller ends Active whenever the supervisor leaves Ready.
        if (Supervisor.Mode != SupervisorMode.Ready)
        {
            Control.Active = false;
        }

        return mismatch;
    }

    private static string? Expect(string what, int model, int code) =>
        model == code ? null : $"{what}: model {model}, C# {code}";

    private bool InterlockPowered => !_neverPowers
        && (_keepAliveStuck || (_lastToggle != long.MinValue && Now - _lastToggle <= SafetyTiming.InterlockHoldMicroseconds));

    /// <summary>One supervisor period the way the runtime plays it (SupervisorRig.Step, without its fault knobs).</summary>
    private void Tick(bool counterError)
    {
        Clock.AdvanceMicroseconds(SafetyTiming.PeriodMicroseconds);
        long now = Now;
        _ticks++;
        if (Server.IsSessionBound)
        {
            // The bound console's heartbeat; it must be taken, or the binding is not the one we think.
            byte[] heartbeat = _consoles[_boundConsole].Frame(LinkMessageType.Heartbeat);
            Send(heartbeat);
            if (Server.LastRejectReason != LinkRejectReason.None)
            {
                throw new InvalidOperationException($"heartbeat of the bound console {_boundConsole} rejected: {Server.LastRejectReason}");
            }
        }

        Supervisor.CheckIn(WatchdogChannel.ControlLoop, now);
        Supervisor.CheckIn(WatchdogChannel.SensorLoop, now);
        Supervisor.CheckIn(WatchdogChannel.LinkLoop, now);

        var inputs = new SupervisorInputs
        {
            CounterReadMicroseconds = now,
            CounterStatus = counterError ? SensorReadStatus.CrcMismatch : SensorReadStatus.Ok,
            Count = 2000 - (_ticks & 1),
            CounterSequence = ++_sequence,
            TemperatureReadMicroseconds = now,
            TemperatureStatus = SensorReadStatus.Ok,
            TemperatureCentiCelsius = 3700 - (_ticks & 1),
        };
        bool powered = InterlockPowered;
        inputs.InterlockPowered = powered;
        inputs.EmitterReadbackMask = powered ? (Outputs.EmitterMask | (_stuckOn ? Channel : 0)) : 0;

        Outputs = Supervisor.Tick(inputs, now);
        if (Outputs.ToggleKeepAlive)
        {
            _lastToggle = now;
        }
    }

    private void Hello(int console)
    {
        TestConsole c = _consoles[console];
        byte[] challenge = Send(c.Hello());
        // A and B check the challenge under the device key; X cannot (its session stays unusable).
        if (challenge.Length > 0 && !c.AcceptChallenge(challenge) && console != ConsoleX)
        {
            throw new InvalidOperationException($"console {console} could not verify its challenge");
        }
    }

    private bool Confirm(int console)
    {
        TestConsole c = _consoles[console];
        byte[] frame = console == ConsoleX || !c.Session.IsEstablished ? ForgedConfirm() : c.Frame(LinkMessageType.SessionConfirm);
        byte[] response = Send(frame);
        if (response.Length == 0 || console == ConsoleX)
        {
            return response.Length > 0 && console == ConsoleX; // X must get nothing: any answer counts as taken
        }

        var (result, _, _, _) = c.OpenResponse(response);
        if (result != CommandResult.Ok)
        {
            return false;
        }

        _boundConsole = console;
        _lastAcceptedConfirm = frame;
        return true;
    }

    /// <summary>A SessionConfirm without the key: right header, a tag that is not the MAC.</summary>
    private byte[] ForgedConfirm()
    {
        byte[] frame = new byte[LinkProtocol.HeaderSize + LinkProtocol.TagSize];
        LinkFrame.WriteHeader(frame, 0, (byte)LinkMessageType.SessionConfirm, 1, 0);
        _forgery.NextBytes(frame.AsSpan(LinkProtocol.HeaderSize));
        return frame;
    }

    private byte[] Send(byte[] frame)
    {
        int length = Server.ProcessFrame(frame, 0, frame.Length, _response, 0);
        return _response.AsSpan(0, length).ToArray();
    }
}
