using System;
using System.Collections.Generic;
using System.Text;
using ChamberFirmware.Core;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Hal.Simulated.Plant;
using ChamberFirmware.Simulation.Console;
using ChamberFirmware.Simulation.Engine;
using ChamberFirmware.Simulation.Firmware;
using ChamberFirmware.Simulation.Scenarios;

namespace ChamberCtl.Hil;

/// <summary>
/// <c>--target sim</c>: the real firmware runtime on the simulated board (<see cref="ChamberSimulation"/>),
/// with this class playing the rig: it emulates the sensors' faults, the emitter read-back lines,
/// the halt line, the plant (rogue replication, held temperature) and the console link (the
/// engine's in-process console, heartbeats every 50 ms), in virtual time, one sample per
/// millisecond. Deterministic: the same seed gives the same samples.
/// </summary>
internal sealed class SimulatorHilTarget : IHilTarget
{
    /// <summary>
    /// The rig's plant starts near 200 000 nanobots (the rig plays its own plant model, docs/hil.md),
    /// so a HIL session reaches a 300 000 target within seconds, as on the bench.
    /// </summary>
    public static readonly PlantParameters RigPlant = new() { InitialCount = 200_000 };

    /// <summary>Message type of an "update" frame: the link has no update command (firmware is flashed as a signed image), so any such frame is an attack.</summary>
    public const byte UpdateMessageType = 0x50;

    private readonly ChamberSimulation _simulation;
    private readonly List<TimedLift> _lifts = new();
    private readonly int[] _rejectCounts = new int[(int)LinkRejectReason.Count];
    private TreatmentProfile _profile = DefaultProfile();
    private AttackFrames _attacker = new(0);
    private bool _linkUp = true;
    private bool _heartbeatsWanted;
    private int _roguePermillePerSecond = -1;
    private int _heartbeatsSeen;
    private byte[]? _lastHeartbeat;
    private byte[]? _lastStart;
    private byte[]? _lastClear;
    private LinkRejectReason _lastReject;
    private long _fingerprint;
    private int _fingerprintWrites = -1;
    private uint _fingerprintGeneration = uint.MaxValue;
    private long _fingerprintLinkTimeout = -1;

    public SimulatorHilTarget()
    {
        _simulation = new ChamberSimulation(new SimulationSetup { Plant = RigPlant });
    }

    public string Description => "simulator (firmware " + CoreInfo.VersionText + " on the simulated chamber, virtual time)";

    /// <summary>The engine (tests read ground truth and the event trace from it).</summary>
    public ChamberSimulation Simulation => _simulation;

    /// <summary>The profile the console sends on arm when a scenario gives none (the rig's default).</summary>
    public static TreatmentProfile DefaultProfile() => new()
    {
        TargetCount = 300_000, CountLimit = 1_000_000, GrowthLimitPermillePerSecond = 200, DurationMilliseconds = 10_000, RampChannelsPerSecond = 4, MaxActiveChannels = 4,
    };

    public void Reset(int seed, TreatmentProfile? profile)
    {
        _simulation.Reset(seed);
        _profile = profile ?? DefaultProfile();
        _attacker = new AttackFrames(seed ^ 0x5A5A);
        _lifts.Clear();
        _linkUp = true;
        _heartbeatsWanted = false;
        _roguePermillePerSecond = -1;
        _heartbeatsSeen = 0;
        _lastHeartbeat = _lastStart = _lastClear = null;
        _lastReject = LinkRejectReason.None;
        Array.Copy(_simulation.Firmware.Link.RejectCounts, _rejectCounts, _rejectCounts.Length);
        _fingerprintWrites = -1;
    }

    public void Inject(HilCondition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        switch (condition.Kind)
        {
            case HilConditionKind.SensorNack or HilConditionKind.SensorStuck or HilConditionKind.SensorCrc:
                Fault(SensorFaultName(condition), condition.ForMilliseconds);
                break;
            case HilConditionKind.EmitterStuckOn:
                Fault("emitter-stuck-on:" + condition.Channel, condition.ForMilliseconds);
                break;
            case HilConditionKind.EmitterStuckOff:
                Fault("emitter-stuck-off:" + condition.Channel, condition.ForMilliseconds);
                break;
            case HilConditionKind.FirmwareHang:
                _simulation.Hang();
                Lift(condition.ForMilliseconds, _simulation.Resume);
                break;
            case HilConditionKind.LinkDrop:
                _linkUp = false;
                ApplyHeartbeats();
                break;
            case HilConditionKind.LinkRestore:
                _linkUp = true;
                ApplyHeartbeats();
                break;
            case HilConditionKind.RogueOn:
                _roguePermillePerSecond = condition.GrowthPermillePerSecond;
                FeedRogue();
                break;
            case HilConditionKind.RogueOff:
                _roguePermillePerSecond = -1;
                FeedRogue();
                break;
            case HilConditionKind.Temperature:
                _simulation.PinTemperature(condition.TemperatureCentiCelsius);
                break;
            default:
                SendHostile(condition.Frame);
                break;
        }
    }

    public HilConsoleResult Console(HilConsoleAction action)
    {
        switch (action)
        {
            case HilConsoleAction.HeartbeatOn:
                _heartbeatsWanted = true;
                ApplyHeartbeats();
                return HilConsoleResult.Of(ChamberFirmware.Core.Control.CommandResult.Ok);
            case HilConsoleAction.HeartbeatOff:
                _heartbeatsWanted = false;
                ApplyHeartbeats();
                return HilConsoleResult.Of(ChamberFirmware.Core.Control.CommandResult.Ok);
        }

        if (!_linkUp || _simulation.FirmwareHung || !EnsureConnected())
        {
            return HilConsoleResult.NoAnswer;
        }

        ConsoleReply reply = action switch
        {
            HilConsoleAction.Arm => _simulation.Arm(_profile),
            HilConsoleAction.Start => _simulation.Start(),
            HilConsoleAction.Stop => _simulation.Stop(),
            _ => _simulation.ClearFault(),
        };
        if (action == HilConsoleAction.Start)
        {
            _lastStart = _simulation.Console.LastSentFrame;
        }
        else if (action == HilConsoleAction.Clear)
        {
            _lastClear = _simulation.Console.LastSentFrame;
        }

        TrackRejects();
        return reply.Answered ? HilConsoleResult.Of(reply.Result) : HilConsoleResult.NoAnswer;
    }

    public void Advance(int milliseconds, IHilTraceSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        for (var i = 0; i < milliseconds; i++)
        {
            _simulation.Step();
            LiftDue();
            FeedRogue();
            if (_simulation.Console.HeartbeatsSent != _heartbeatsSeen)
            {
                _heartbeatsSeen = _simulation.Console.HeartbeatsSent;
                _lastHeartbeat = _simulation.Console.LastSentFrame;
            }

            TrackRejects();
            sink.Record(Observe());
        }
    }

    public HilObservation Observe()
    {
        TraceSample s = _simulation.Observe();
        return new HilObservation
        {
            TimeMicroseconds = _simulation.NowMilliseconds * 1000,
            State = s.State,
            LatchedReasons = s.LatchedReasons,
            LastCutReasons = s.LastCutReasons,
            Count = (int)Math.Min(int.MaxValue, s.TrueCount),
            CountLimit = s.CountLimit > 0 ? s.CountLimit : HardLimits.CountCeiling,
            EmittersPoweredMask = s.PoweredEmitterMask,
            InterlockPowered = s.BankPowered,
            LinkAgeMilliseconds = s.LinkAgeMilliseconds,
            TemperatureCentiCelsius = s.TrueTemperatureCentiCelsius,
            LastLinkReject = _lastReject,
            ConfigurationFingerprint = Fingerprint(),
        };
    }

    public void Dispose()
    {
        // Nothing to release: the engine lives in this process and holds no OS resources.
    }

    /// <summary>The engine's fault name for a sensor condition (the simulated parts' own fault modes).</summary>
    public static string SensorFaultName(HilCondition condition)
    {
        var part = condition.Part == HilSensorPart.Counter ? "counter" : "temperature";
        return condition.Kind switch
        {
            HilConditionKind.SensorNack => part + "-nack",
            // A hung part: the counter's value and sequence number freeze; the temperature sensor
            // (no sequence number) stops converting, so its data-ready never sets again.
            HilConditionKind.SensorStuck => part + "-frozen-sequence",
            _ when condition.Part == HilSensorPart.Counter => "counter-crc-error",
            _ => throw new HilTargetException("the temperature sensor has no CRC: sensor-crc applies only to the counter"),
        };
    }

    /// <summary>
    /// Digest of the configuration: every stored slot byte for byte (identity, key, settings,
    /// generation), the firmware version, and the settings in force that the firmware exposes
    /// (the link timeout; settings accepted over the link are applied in RAM and not stored, so
    /// the store alone would not show them). Recomputed only when one of them moved.
    /// </summary>
    private long Fingerprint()
    {
        var storage = _simulation.Storage;
        uint generation = _simulation.Firmware is RuntimeFirmware runtime ? runtime.Runtime.Config.Generation : 0;
        long linkTimeout = _simulation.Firmware.Supervisor.LinkTimeoutMicroseconds;
        if (storage.WriteCount == _fingerprintWrites && generation == _fingerprintGeneration && linkTimeout == _fingerprintLinkTimeout)
        {
            return _fingerprint;
        }

        var bytes = new List<byte>(Encoding.ASCII.GetBytes(CoreInfo.VersionText));
        bytes.AddRange(BitConverter.GetBytes(linkTimeout));
        for (var slot = 0; slot < storage.SlotCount; slot++)
        {
            bytes.Add((byte)slot);
            bytes.AddRange(storage.Snapshot(slot) ?? []);
        }

        var all = bytes.ToArray();
        _fingerprint = ((long)(generation & 0xFFFF) << 32) | Crc32.Compute(all, 0, all.Length);
        _fingerprintWrites = storage.WriteCount;
        _fingerprintGeneration = generation;
        _fingerprintLinkTimeout = linkTimeout;
        return _fingerprint;
    }

    /// <summary>The rig's rogue plant replicates on its own only while the interlock powers the bank (docs/hil.md).</summary>
    private void FeedRogue()
    {
        bool on = _roguePermillePerSecond >= 0 && _simulation.Board.BankPowered;
        if (on != _simulation.Board.Plant.RogueReplication)
        {
            _simulation.SetRogueReplication(on, Math.Max(0, _roguePermillePerSecond));
        }
    }

    private void Fault(string name, int forMilliseconds)
    {
        var fault = SimulatedFault.Parse(name);
        _simulation.InjectFault(fault);
        Lift(forMilliseconds, () => _simulation.ClearFault(fault));
    }

    private void Lift(int afterMilliseconds, Action lift)
    {
        if (afterMilliseconds > 0)
        {
            _lifts.Add(new TimedLift(_simulation.NowMilliseconds + afterMilliseconds, lift));
        }
    }

    private void LiftDue()
    {
        for (var i = 0; i < _lifts.Count; i++)
        {
            if (_lifts[i].AtMilliseconds <= _simulation.NowMilliseconds)
            {
                var lift = _lifts[i].Lift;
                _lifts.RemoveAt(i--);
                lift();
            }
        }
    }

    /// <summary>Heartbeats flow while the console wants them, the link is up and a session is bound.</summary>
    private void ApplyHeartbeats()
    {
        if (_heartbeatsWanted && _linkUp && !_simulation.FirmwareHung)
        {
            EnsureConnected();
        }

        _simulation.SetHeartbeats(_heartbeatsWanted && _linkUp);
    }

    /// <summary>The console binds a session (Hello, challenge, confirm) the first time it needs one.</summary>
    private bool EnsureConnected()
    {
        if (_simulation.Console.IsConnected)
        {
            return true;
        }

        if (_simulation.FirmwareHung)
        {
            return false;
        }

        var reply = _simulation.Connect();
        TrackRejects();
        return reply.IsOk;
    }

    private void SendHostile(HilFrameKind kind)
    {
        byte[] settings = new byte[LinkPayloads.SettingsSize];
        LinkPayloads.WriteSettings(new ChamberSettings { LinkTimeoutMilliseconds = 2_000, RearmHeartbeats = 1 }, settings, 0);
        byte[] image = _attacker.Bytes(64);
        byte[] frame = kind switch
        {
            HilFrameKind.ForgedConfig => _attacker.Forged(LinkMessageType.SetSettings, settings),
            HilFrameKind.UnauthenticatedConfig => AttackFrames.Unauthenticated(LinkMessageType.SetSettings, settings),
            HilFrameKind.ForgedUpdate => _attacker.Forged((LinkMessageType)UpdateMessageType, image),
            HilFrameKind.UnauthenticatedUpdate => AttackFrames.Unauthenticated((LinkMessageType)UpdateMessageType, image),
            HilFrameKind.ForgedProvisioning => _attacker.Forged(LinkMessageType.ProvisionBegin, []),
            HilFrameKind.ReplayedHeartbeat => _lastHeartbeat ?? throw NothingToReplay("heartbeat"),
            HilFrameKind.ReplayedStart => _lastStart ?? throw NothingToReplay("start"),
            HilFrameKind.ReplayedClear => _lastClear ?? throw NothingToReplay("clear"),
            _ => _attacker.Bytes(7),
        };
        if (!_linkUp)
        {
            // The rig's link cut stops everything, hostile frames included.
            return;
        }

        _simulation.SendRaw(frame, "rig: " + kind);
        TrackRejects();
    }

    private static HilTargetException NothingToReplay(string what) =>
        new("nothing to replay: the console sent no " + what + " frame earlier in this scenario (add a 'console: " + what + "' step before the replay)");

    /// <summary>Remembers the reason of the most recent refused frame, from the link server's own counters.</summary>
    private void TrackRejects()
    {
        int[] counts = _simulation.Firmware.Link.RejectCounts;
        for (var i = 1; i < _rejectCounts.Length; i++)
        {
            if (counts[i] != _rejectCounts[i])
            {
                _rejectCounts[i] = counts[i];
                _lastReject = _simulation.Firmware.Link.LastRejectReason != LinkRejectReason.None
                    ? _simulation.Firmware.Link.LastRejectReason
                    : (LinkRejectReason)i;
            }
        }
    }

    private readonly record struct TimedLift(long AtMilliseconds, Action Lift);
}
