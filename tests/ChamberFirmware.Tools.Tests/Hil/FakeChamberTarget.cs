using System;
using ChamberCtl.Hil;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;

namespace ChamberFirmware.Tools.Tests.Hil;

/// <summary>
/// A small deterministic model of a correct controller on the rig, in virtual time (1 ms steps,
/// supervisor every 10 ms), for testing the runner and the scenario files until the simulator is
/// plugged into HilTargetFactory. It is NOT the firmware: it only behaves as the safety
/// requirements say the firmware must. The <c>Defect</c> switches make it misbehave on purpose so
/// that tests can show each expectation failing.
/// </summary>
internal sealed class FakeChamberTarget : IHilTarget
{
    public const int TickMilliseconds = HardLimits.SupervisorPeriodMilliseconds;
    public const int KeepAliveHoldMilliseconds = 25;
    public const int SensorFaultTicks = 3;
    public const long Fingerprint = 0xC0FFEE;
    private const int LinkTimeout = HardLimits.LinkTimeoutDefaultMilliseconds;
    private const int OverTemperature = 4200;
    private const int PerChannelGrowthPermillePerSecond = 20;
    private const int DecayPermillePerSecond = 50;

    private TreatmentProfile _profile = DefaultProfile();
    private long _now;
    private ChamberState _state;
    private CutReasons _latched;
    private CutReasons _lastCut;
    private double _count;
    private int _seenCount;
    private int _previousSeenCount;
    private int _commanded;
    private long _activeSince;
    private long _lastTick;
    private long _lastToggle;
    private bool _heartbeats;
    private bool _linkUp;
    private bool _linkWentDown;
    private long _lastHeartbeat;
    private int _heartbeatsSinceCut;
    private HilCondition? _counterFault;
    private HilCondition? _temperatureFault;
    private long _counterFaultUntil;
    private long _temperatureFaultUntil;
    private int _counterBadTicks;
    private int _temperatureBadTicks;
    private int _stuckOn;
    private int _stuckOff;
    private long _hangUntil;
    private int _rogue;
    private int _temperature;
    private LinkRejectReason _rejected;
    private long _fingerprint;

    public string Description => "fake chamber model (tests)";

    /// <summary>Defects to show that scenarios catch a misbehaving controller.</summary>
    public bool DefectIgnoresLinkLoss { get; init; }

    public bool DefectAcceptsForgedConfig { get; init; }

    public bool DefectNoKeepAliveCircuit { get; init; }

    public int DefectCutDelayMilliseconds { get; init; }

    public int Resets { get; private set; }

    public bool Disposed { get; private set; }

    public static TreatmentProfile DefaultProfile() => new()
    {
        TargetCount = 300_000, CountLimit = 1_000_000, GrowthLimitPermillePerSecond = 200, DurationMilliseconds = 10_000, RampChannelsPerSecond = 4, MaxActiveChannels = 4,
    };

    public void Reset(int seed, TreatmentProfile? profile)
    {
        Resets++;
        _profile = profile ?? DefaultProfile();
        _now = 0;
        _state = ChamberState.Idle;
        _latched = _lastCut = CutReasons.None;
        _count = 200_000 + (seed % 1000);
        _seenCount = _previousSeenCount = (int)_count;
        _commanded = 0;
        _lastTick = _lastToggle = 0;
        _heartbeats = false;
        _linkUp = true;
        _linkWentDown = false;
        _lastHeartbeat = -1;
        _heartbeatsSinceCut = 0;
        _counterFault = _temperatureFault = null;
        _counterBadTicks = _temperatureBadTicks = 0;
        _stuckOn = _stuckOff = 0;
        _hangUntil = -1;
        _rogue = 0;
        _temperature = 2500;
        _rejected = LinkRejectReason.None;
        _fingerprint = Fingerprint;
    }

    public void Inject(HilCondition condition)
    {
        var until = condition.ForMilliseconds == 0 ? long.MaxValue : _now + condition.ForMilliseconds;
        switch (condition.Kind)
        {
            case HilConditionKind.SensorNack or HilConditionKind.SensorStuck or HilConditionKind.SensorCrc:
                if (condition.Part == HilSensorPart.Counter)
                {
                    (_counterFault, _counterFaultUntil) = (condition, until);
                }
                else
                {
                    (_temperatureFault, _temperatureFaultUntil) = (condition, until);
                }

                break;
            case HilConditionKind.EmitterStuckOn:
                _stuckOn |= 1 << condition.Channel;
                break;
            case HilConditionKind.EmitterStuckOff:
                _stuckOff |= 1 << condition.Channel;
                break;
            case HilConditionKind.FirmwareHang:
                _hangUntil = until;
                break;
            case HilConditionKind.LinkDrop:
                _linkUp = false;
                _linkWentDown = true;
                break;
            case HilConditionKind.LinkRestore:
                _linkUp = true;
                break;
            case HilConditionKind.RogueOn:
                _rogue = condition.GrowthPermillePerSecond;
                break;
            case HilConditionKind.RogueOff:
                _rogue = 0;
                break;
            case HilConditionKind.Temperature:
                _temperature = condition.TemperatureCentiCelsius;
                break;
            default:
                Frame(condition.Frame);
                break;
        }
    }

    public HilConsoleResult Console(HilConsoleAction action)
    {
        switch (action)
        {
            case HilConsoleAction.HeartbeatOn:
                _heartbeats = true;
                return HilConsoleResult.Of(CommandResult.Ok);
            case HilConsoleAction.HeartbeatOff:
                _heartbeats = false;
                return HilConsoleResult.Of(CommandResult.Ok);
        }

        if (!_linkUp || Hung)
        {
            return HilConsoleResult.NoAnswer;
        }

        return HilConsoleResult.Of(action switch
        {
            HilConsoleAction.Arm => Arm(),
            HilConsoleAction.Start => _state == ChamberState.Armed ? Begin() : Refusal(),
            HilConsoleAction.Stop => _state is ChamberState.Armed or ChamberState.Active ? StopSession() : Refusal(),
            _ => Clear(),
        });
    }

    public void Advance(int milliseconds, IHilTraceSink sink)
    {
        for (var i = 0; i < milliseconds; i++)
        {
            _now += 1;
            StepOneMillisecond();
            sink.Record(Observe());
        }
    }

    public HilObservation Observe() => new()
    {
        TimeMicroseconds = _now * 1000,
        State = _state,
        LatchedReasons = _latched,
        LastCutReasons = _lastCut,
        Count = (int)_count,
        CountLimit = _profile.CountLimit,
        EmittersPoweredMask = InterlockPowered ? Readback : 0,
        InterlockPowered = InterlockPowered,
        LinkAgeMilliseconds = _lastHeartbeat < 0 ? int.MaxValue : (int)(_now - _lastHeartbeat),
        TemperatureCentiCelsius = _temperature,
        LastLinkReject = _rejected,
        ConfigurationFingerprint = _fingerprint,
    };

    public void Dispose() => Disposed = true;

    private bool Hung => _hangUntil >= 0 && _now < _hangUntil;

    private int Readback => (_commanded | _stuckOn) & ~_stuckOff;

    // The read-back senses the actual drive: with the bank unpowered it reads nothing.
    private int SensedReadback => InterlockPowered ? Readback : 0;

    private bool InterlockPowered => DefectNoKeepAliveCircuit || _now - _lastToggle <= KeepAliveHoldMilliseconds;

    private void StepOneMillisecond()
    {
        // The console sends a heartbeat every 100 ms while the link is up; a halted controller accepts nothing.
        if (_heartbeats && _linkUp && !Hung && _now % HilVocabulary.HeartbeatPeriodMilliseconds == 0)
        {
            _lastHeartbeat = _now;
            _heartbeatsSinceCut++;
        }

        var powered = InterlockPowered ? System.Numerics.BitOperations.PopCount((uint)Readback) : 0;
        // Rogue replication feeds on the powered bank: only the interlock dropping stops it.
        var rogue = InterlockPowered ? _rogue : 0;
        var growth = (powered * PerChannelGrowthPermillePerSecond) + rogue - (powered == 0 && rogue == 0 ? DecayPermillePerSecond : 0);
        _count = Math.Max(0, _count + (_count * growth / 1_000_000.0));

        if (!Hung && _now - _lastTick >= TickMilliseconds)
        {
            SupervisorTick();
        }
    }

    private void SupervisorTick()
    {
        var late = _now - _lastTick > 2 * TickMilliseconds;
        _lastTick = _now;
        var reasons = late ? CutReasons.SupervisorOverrun : CutReasons.None;

        _counterBadTicks = SensorOk(_counterFault, _counterFaultUntil) ? 0 : _counterBadTicks + 1;
        _temperatureBadTicks = SensorOk(_temperatureFault, _temperatureFaultUntil) ? 0 : _temperatureBadTicks + 1;
        if (_counterBadTicks == 0)
        {
            _previousSeenCount = _seenCount;
            _seenCount = (int)_count;
        }

        if (_counterBadTicks >= SensorFaultTicks || _temperatureBadTicks >= SensorFaultTicks)
        {
            reasons |= CutReasons.SensorFault;
        }

        if (_temperature >= OverTemperature)
        {
            reasons |= CutReasons.OverTemperature;
        }

        // As the firmware documents it (docs/safety.md): the bank is powered only while a session
        // needs it, so a short shows, and is cut, once an arm powers the bank.
        if (_state is ChamberState.Armed or ChamberState.Active && SensedReadback != _commanded)
        {
            reasons |= CutReasons.EmitterMismatch;
        }

        if (_state is ChamberState.Armed or ChamberState.Active)
        {
            if (_seenCount >= Math.Min(_profile.CountLimit, HardLimits.CountCeiling))
            {
                reasons |= CutReasons.Overcount;
            }

            var growth = _previousSeenCount == 0 ? 0 : (long)(_seenCount - _previousSeenCount) * 1000 * (1000 / TickMilliseconds) / _previousSeenCount;
            if (growth > _profile.GrowthLimitPermillePerSecond)
            {
                reasons |= CutReasons.RunawayGrowth;
            }

            var linkLost = _linkWentDown || _lastHeartbeat < 0 || _now - _lastHeartbeat > LinkTimeout;
            if (linkLost && !DefectIgnoresLinkLoss)
            {
                reasons |= CutReasons.LinkLost;
            }
        }

        _linkWentDown = false;
        if (reasons != CutReasons.None && (DefectCutDelayMilliseconds == 0 || _firstSeen is long seen && _now - seen >= DefectCutDelayMilliseconds))
        {
            Cut(reasons);
            _firstSeen = null;
        }
        else if (reasons != CutReasons.None)
        {
            _firstSeen ??= _now;
        }

        if (_state == ChamberState.Active)
        {
            if (_now - _activeSince >= _profile.DurationMilliseconds)
            {
                _state = ChamberState.Completed;
                _commanded = 0;
            }
            else
            {
                // Closed loop: ramp channels up to the profile's limit below the target, hold none above it.
                var ramped = (int)Math.Min(_profile.MaxActiveChannels, 1 + ((_now - _activeSince) * _profile.RampChannelsPerSecond / 1000));
                _commanded = _seenCount >= _profile.TargetCount ? 0 : (1 << ramped) - 1;
            }
        }

        if (_state is ChamberState.Armed or ChamberState.Active)
        {
            _lastToggle = _now;
        }
    }

    private long? _firstSeen;

    private bool SensorOk(HilCondition? fault, long until) => fault is null || _now >= until;

    private void Cut(CutReasons reasons)
    {
        _latched |= reasons;
        _lastCut = _latched;
        _state = ChamberState.SafeStop;
        _commanded = 0;
        _heartbeatsSinceCut = 0;
    }

    private CommandResult Arm()
    {
        // As the firmware: a new session may be armed from Idle or after a completed one.
        if (_state is not (ChamberState.Idle or ChamberState.Completed))
        {
            return Refusal();
        }

        if (_lastHeartbeat < 0 || _now - _lastHeartbeat > LinkTimeout)
        {
            return CommandResult.LinkNotHealthy;
        }

        var p = _profile;
        if (p.CountLimit > HardLimits.CountCeiling || p.TargetCount < HardLimits.MinTargetCount || p.TargetCount >= p.CountLimit
            || p.GrowthLimitPermillePerSecond is < HardLimits.MinGrowthLimitPermillePerSecond or > HardLimits.MaxGrowthLimitPermillePerSecond
            || p.DurationMilliseconds is < HardLimits.MinDurationMilliseconds or > HardLimits.MaxDurationMilliseconds
            || p.MaxActiveChannels is < 1 or > HardLimits.EmitterChannels)
        {
            return CommandResult.ProfileRejected;
        }

        _state = ChamberState.Armed;
        return CommandResult.Ok;
    }

    private CommandResult Begin()
    {
        _state = ChamberState.Active;
        _activeSince = _now;
        return CommandResult.Ok;
    }

    private CommandResult StopSession()
    {
        // As the firmware documents it: an Active session ends as Completed, an Armed one goes Idle.
        _state = _state == ChamberState.Active ? ChamberState.Completed : ChamberState.Idle;
        _commanded = 0;
        return CommandResult.Ok;
    }

    private CommandResult Clear()
    {
        if (_state != ChamberState.SafeStop)
        {
            return CommandResult.InvalidState;
        }

        var stillBad = _heartbeatsSinceCut < 5 || _temperature >= OverTemperature || _counterBadTicks > 0 || _temperatureBadTicks > 0
            || _seenCount >= _profile.CountLimit / 2 || _rogue > 0;
        if (stillBad)
        {
            return CommandResult.ClearRefused;
        }

        _latched = CutReasons.None;
        _state = ChamberState.Idle;
        return CommandResult.Ok;
    }

    private CommandResult Refusal() => _state == ChamberState.SafeStop ? CommandResult.SafeStopLatched : CommandResult.InvalidState;

    private void Frame(HilFrameKind frame)
    {
        if (!_linkUp || Hung)
        {
            return;
        }

        if (frame == HilFrameKind.ForgedConfig && DefectAcceptsForgedConfig)
        {
            _fingerprint ^= 0xBAD;
            return;
        }

        // As the link documents it (docs/protocol.md): with no bound session an authenticated type is
        // refused before any tag check (NoSession); in a session the tag is checked first (BadTag),
        // then the sequence (a copy of an earlier frame: Reordered).
        var bound = _lastHeartbeat >= 0;
        _rejected = frame switch
        {
            HilFrameKind.Malformed => LinkRejectReason.Truncated,
            _ when !bound => LinkRejectReason.NoSession,
            HilFrameKind.ForgedConfig or HilFrameKind.ForgedUpdate or HilFrameKind.ForgedProvisioning
                or HilFrameKind.UnauthenticatedConfig or HilFrameKind.UnauthenticatedUpdate => LinkRejectReason.BadTag,
            _ => LinkRejectReason.Reordered,
        };
    }
}
