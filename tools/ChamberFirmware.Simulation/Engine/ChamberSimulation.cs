using System;
using System.Collections.Generic;
using ChamberFirmware.ConsoleLink.Client;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Runtime;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Hal.Board;
using ChamberFirmware.Hal.Simulated;
using ChamberFirmware.Hal.Simulated.Faults;
using ChamberFirmware.Hal.Simulated.Plant;
using ChamberFirmware.Hal.Simulated.Storage;
using ChamberFirmware.Simulation.Console;
using ChamberFirmware.Simulation.Firmware;
using ChamberFirmware.Simulation.Report;
using ChamberFirmware.Simulation.Safety;

namespace ChamberFirmware.Simulation.Engine;

/// <summary>
/// The simulator's engine: the firmware on a simulated board, stepped one millisecond at a time on
/// one thread in a fixed order (console heartbeat, supervisor step every 10 ms, control step every
/// 20 ms, link loop every 100 ms, as the device's loops run), with ground truth read after every
/// step into the hazard tracker and the invariant checker. Deterministic from the seed: the plant,
/// the chips, both nonce sources and the link key all derive from it.
/// Also the surface the HIL adapter wraps: Reset(seed), faults by name, console actions,
/// AdvanceMilliseconds with trace samples, Observe.
/// </summary>
public sealed class ChamberSimulation
{
    public const int HeartbeatPeriodMilliseconds = 50;

    private readonly SimulationSetup _setup;
    private readonly ChamberStatus _status = new();
    private readonly CutSnapshot _cut = new();
    private readonly byte[] _telemetry = new byte[LinkProtocol.MaxFrameSize];
    private readonly List<CutRecord> _cuts = new();
    private readonly List<CutRecord> _awaitingBankOff = new();
    private readonly List<SimulatedFault> _activeFaults = new();
    private SimulatedChamber _board = null!;
    private SimulatedNonVolatileStorage _storage = null!;
    private ISimulatedFirmware _firmware = null!;
    private SimConsole _console = null!;
    private byte[] _key = Array.Empty<byte>();
    private DeterministicRandom _seeds = null!;
    private DiagnosticsIdentity _identity = null!;
    private int _boots;
    private long _ms;
    private long _supervisorSteps;
    private int _lastCutSequence;
    private SupervisorMode _lastMode;
    private bool _lastBank;
    private long _maxCount;
    private int _hazardCountLimit;
    private int _hazardGrowthLimit;
    private long _linkTimeoutMicroseconds;
    private int _overTemperatureLimit;
    private long _linkDownSince;
    private int _counterFaults;
    private int _temperatureFaults;
    private int _counterFrozenFaults;
    private int _temperatureFrozenFaults;
    private int _stuckOnFaults;

    public ChamberSimulation(SimulationSetup setup)
    {
        _setup = setup ?? throw new ArgumentNullException(nameof(setup));
        Reset(setup.Seed);
    }

    public int Seed { get; private set; }

    public SimulationSetup Setup => _setup;

    public SimulatedChamber Board => _board;

    public SimulatedNonVolatileStorage Storage => _storage;

    public ISimulatedFirmware Firmware => _firmware;

    public SimConsole Console => _console;

    public HazardTracker Hazards { get; } = new();

    public InvariantChecker Invariants { get; } = new();

    public EventTrace Trace { get; } = new();

    /// <summary>The link key the simulated device holds (empty when factory-fresh).</summary>
    public ReadOnlySpan<byte> LinkKey => _key;

    /// <summary>Simulated milliseconds since boot (= ticks stepped).</summary>
    public long NowMilliseconds => _ms;

    public long Ticks => _ms;

    public long SupervisorSteps => _supervisorSteps;

    /// <summary>The console sends a heartbeat every 50 ms while connected and this is on.</summary>
    public bool HeartbeatsEnabled { get; private set; }

    /// <summary>The firmware's loops have stopped (a hung CPU): nothing runs, only the hardware acts.</summary>
    public bool FirmwareHung { get; private set; }

    /// <summary>
    /// Real-time hosting: a TCP console drives the link on its own thread, so the engine sends no
    /// console traffic of its own (heartbeats stay off).
    /// </summary>
    public bool ExternalConsole { get; set; }

    /// <summary>Called after every simulated millisecond (a wall-clock pacer for live scenarios); null at full speed.</summary>
    public Action<ChamberSimulation>? AfterStep { get; set; }

    public IReadOnlyList<CutRecord> Cuts => _cuts;

    public long MaxCount => _maxCount;

    /// <summary>Rebuilds everything from <paramref name="seed"/>: board, storage (provisioned per the setup), firmware, console; boots.</summary>
    public void Reset(int seed)
    {
        Seed = seed;
        var seeds = new DeterministicRandom(seed);
        var clock = new ManualClock();
        _board = new SimulatedChamber(seed, clock, _setup.Plant) { ProvisioningJumperFitted = _setup.JumperFitted };
        _storage = new SimulatedNonVolatileStorage();
        _key = _setup.Provisioning switch
        {
            ProvisioningMode.SeedKey => KeyFrom(seeds),
            ProvisioningMode.GivenKey => (byte[])(_setup.LinkKey ?? throw new ArgumentException("GivenKey provisioning needs a LinkKey")).Clone(),
            _ => Array.Empty<byte>(),
        };
        if (_key.Length > 0)
        {
            Provision(_storage, _key, _setup.SerialNumber);
        }

        _seeds = seeds;
        _boots = 1;
        var identity = new DiagnosticsIdentity
        {
            Manufacturer = "ChamberFirmware",
            Model = "Simulated chamber",
            FirmwareRevision = ChamberFirmware.Core.CoreInfo.VersionText,
            SoftwareRevision = "sim",
        };
        _identity = identity;
        _firmware = _setup.Firmware(_board, _storage, DeviceNonces(seeds), identity);
        _console = new SimConsole(_firmware, _key.Length > 0 ? _key : null, new SeededNonceSource(unchecked((int)seeds.NextUInt64())));

        _ms = 0;
        _supervisorSteps = 0;
        _lastCutSequence = 0;
        _lastMode = SupervisorMode.Idle;
        _lastBank = false;
        _maxCount = 0;
        _hazardCountLimit = HardLimits.CountCeiling;
        _hazardGrowthLimit = HardLimits.MaxGrowthLimitPermillePerSecond;
        var defaults = new ChamberSettings();
        _linkTimeoutMicroseconds = defaults.LinkTimeoutMilliseconds * 1000L;
        _overTemperatureLimit = defaults.OverTemperatureCentiCelsius;
        _linkDownSince = -1;
        _counterFaults = 0;
        _temperatureFaults = 0;
        _counterFrozenFaults = 0;
        _temperatureFrozenFaults = 0;
        _stuckOnFaults = 0;
        _activeFaults.Clear();
        _cuts.Clear();
        _awaitingBankOff.Clear();
        HeartbeatsEnabled = false;
        FirmwareHung = false;
        Hazards.Reset();
        Invariants.Reset();
        Trace.Clear();

        _firmware.Boot();
        Trace.Add(0, $"boot (seed {seed}, {(_key.Length > 0 ? "provisioned" : "factory-fresh")})");
    }

    /// <summary>
    /// Power cycle: a new firmware boots on the same board, storage and clock (what a board does
    /// after provisioning, or any reset). The console's transport is gone; it connects again with
    /// whatever key it now holds. Deterministic: the new nonce source derives from the seed.
    /// </summary>
    public void Reboot()
    {
        _firmware = _setup.Firmware(_board, _storage, DeviceNonces(_seeds), _identity);
        _console.Attach(_firmware);
        _boots++;
        _lastCutSequence = 0;
        _lastMode = SupervisorMode.Idle;
        HeartbeatsEnabled = false;
        FirmwareHung = false;
        _firmware.Boot();
        Trace.Add(_ms, $"reboot #{_boots} (same board and storage)");
    }

    // ---------------------------------------------------------------- time

    /// <summary>Advances simulated time by <paramref name="milliseconds"/>, one checked millisecond at a time.</summary>
    public void AdvanceMilliseconds(long milliseconds)
    {
        for (long i = 0; i < milliseconds; i++)
        {
            Step();
        }
    }

    /// <summary>Advances and appends a trace sample every <paramref name="sampleEveryMilliseconds"/> (the HIL adapter's view).</summary>
    public void AdvanceMilliseconds(long milliseconds, ICollection<TraceSample> samples, int sampleEveryMilliseconds = 10)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleEveryMilliseconds);
        for (long i = 0; i < milliseconds; i++)
        {
            Step();
            if (_ms % sampleEveryMilliseconds == 0)
            {
                samples.Add(Observe());
            }
        }
    }

    /// <summary>Advances until <paramref name="condition"/> holds (checked every millisecond) or <paramref name="limitMilliseconds"/> pass.</summary>
    public bool AdvanceUntil(Func<ChamberSimulation, bool> condition, long limitMilliseconds)
    {
        ArgumentNullException.ThrowIfNull(condition);
        for (long i = 0; i < limitMilliseconds; i++)
        {
            if (condition(this))
            {
                return true;
            }

            Step();
        }

        return condition(this);
    }

    /// <summary>One simulated millisecond.</summary>
    public void Step()
    {
        _ms++;
        _board.Advance(1000);
        if (!FirmwareHung)
        {
            if (HeartbeatsEnabled && !ExternalConsole && _ms % HeartbeatPeriodMilliseconds == 0 && _console.IsConnected)
            {
                _console.Heartbeat();
            }

            if (_ms % RuntimeTiming.SupervisorPeriodMilliseconds == 0)
            {
                _firmware.SupervisorStep();
                _supervisorSteps++;
            }

            if (_ms % RuntimeTiming.ControlPeriodMilliseconds == 0)
            {
                _firmware.ControlStep();
            }

            if (_ms % RuntimeTiming.TelemetryPeriodMilliseconds == 0)
            {
                _firmware.BuildTelemetryFrame(_telemetry, 0);
            }
        }

        ObserveGroundTruth();
        AfterStep?.Invoke(this);
    }

    /// <summary>The link loop's periodic work for a real-time host that serves the link itself (its watchdog check-in).</summary>
    public int BuildTelemetryFrame(byte[] buffer) => _firmware.BuildTelemetryFrame(buffer, 0);

    // ---------------------------------------------------------------- console actions

    public ConsoleReply Connect()
    {
        ConsoleReply reply = _console.Connect();
        if (reply.IsOk)
        {
            _linkDownSince = -1;
        }

        Note($"console connect: {reply}");
        return reply;
    }

    public void SetHeartbeats(bool on)
    {
        if (on == HeartbeatsEnabled)
        {
            return;
        }

        HeartbeatsEnabled = on;
        if (on)
        {
            _linkDownSince = -1;
        }
        else if (_console.IsConnected && _linkDownSince < 0)
        {
            _linkDownSince = NowMicroseconds;
        }

        Note(on ? "console heartbeats on" : "console heartbeats off");
    }

    /// <summary>The radio link drops silently: nothing more arrives from the console (no transport close).</summary>
    public void DropLink() => SetHeartbeats(false);

    /// <summary>The console's transport closes: the device is told at once.</summary>
    public void CloseTransport()
    {
        if (_console.IsConnected && _linkDownSince < 0)
        {
            _linkDownSince = NowMicroseconds;
        }

        if (!FirmwareHung)
        {
            _console.CloseTransport();
        }

        HeartbeatsEnabled = false;
        Note("console transport closed");
    }

    public ConsoleReply Arm(TreatmentProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ConsoleReply reply = Deliver(() => _console.Arm(profile));
        if (reply.IsOk)
        {
            _hazardCountLimit = Math.Min(profile.CountLimit, HardLimits.CountCeiling);
            _hazardGrowthLimit = profile.GrowthLimitPermillePerSecond;
        }

        Note($"console arm (target {profile.TargetCount}, limit {profile.CountLimit}, growth {profile.GrowthLimitPermillePerSecond}‰/s): {reply}");
        return reply;
    }

    public ConsoleReply Start() => Logged("start", Deliver(_console.Start));

    public ConsoleReply Stop() => Logged("stop", Deliver(_console.Stop));

    public ConsoleReply ClearFault() => Logged("clear fault", Deliver(_console.ClearFault));

    public ConsoleReply GetStatus() => Deliver(_console.GetStatus);

    public ConsoleReply SetSettings(ChamberSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ConsoleReply reply = Deliver(() => _console.SetSettings(settings));
        if (reply.IsOk)
        {
            _linkTimeoutMicroseconds = settings.LinkTimeoutMilliseconds * 1000L;
            _overTemperatureLimit = settings.OverTemperatureCentiCelsius;
        }

        return Logged("set settings", reply);
    }

    /// <summary>Sends raw bytes as one frame (attacks); logged with what the device did.</summary>
    public ConsoleReply SendRaw(ReadOnlySpan<byte> frame, string what)
    {
        ConsoleReply reply = FirmwareHung ? ConsoleReply.NoAnswer(LinkRejectReason.None) : _console.SendRaw(frame);
        Note($"{what}: {reply}");
        return reply;
    }

    // ---------------------------------------------------------------- faults

    /// <summary>The firmware hangs: its loops stop for good (the keep-alive with them).</summary>
    public void Hang()
    {
        if (!FirmwareHung)
        {
            FirmwareHung = true;
            Note("firmware hang: all loops stop");
        }
    }

    /// <summary>
    /// A halted controller resumes (a rig releasing a debug halt): the loops run again from where
    /// they stopped, and the supervisor sees the gap in its own tick timing.
    /// </summary>
    public void Resume()
    {
        if (FirmwareHung)
        {
            FirmwareHung = false;
            Note("firmware resumes: loops run again");
        }
    }

    /// <summary>Runaway replication at <paramref name="permillePerSecond"/> of the count per second while on (a rig's rogue plant).</summary>
    public void SetRogueReplication(bool on, int permillePerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permillePerSecond);
        if (on)
        {
            // 1 ‰/s = 1e-6 per 1 ms step = 1 000 ppb per step.
            _board.Plant.RogueGrowthPpbPerMillisecond = permillePerSecond * 1000L;
            InjectFault(new SimulatedFault(SimulatedPart.Plant, FaultKind.RogueReplication, 0));
        }
        else
        {
            ClearFault(new SimulatedFault(SimulatedPart.Plant, FaultKind.RogueReplication, 0));
        }
    }

    /// <summary>Holds the chamber temperature at a value (a rig emulating the sensor); null returns it to the heat model.</summary>
    public void PinTemperature(int? centiCelsius)
    {
        _board.SyncToClock();
        _board.Plant.TemperaturePinned = centiCelsius.HasValue;
        _board.Plant.PinnedTemperatureMilliCelsius = centiCelsius.GetValueOrDefault() * 10L;
        Note(centiCelsius is int t ? $"temperature held at {t / 100.0:0.00} °C" : "temperature follows the model");
    }

    public void InjectFault(string name) => InjectFault(SimulatedFault.Parse(name));

    public void ClearFault(string name) => ClearFault(SimulatedFault.Parse(name));

    public void InjectFault(SimulatedFault fault)
    {
        if (_activeFaults.Contains(fault))
        {
            return;
        }

        _board.InjectFault(fault.Part, fault.Kind, fault.Channel);
        _activeFaults.Add(fault);
        CountFault(fault, +1);
        Note($"fault on: {fault.Name}");
    }

    public void ClearFault(SimulatedFault fault)
    {
        if (!_activeFaults.Remove(fault))
        {
            return;
        }

        _board.ClearFault(fault.Part, fault.Kind, fault.Channel);
        CountFault(fault, -1);
        Note($"fault off: {fault.Name}");
    }

    public IReadOnlyList<SimulatedFault> ActiveFaults => _activeFaults;

    // ---------------------------------------------------------------- observation

    public ChamberState State
    {
        get
        {
            _firmware.FillStatus(_status);
            return _status.State;
        }
    }

    /// <summary>Ground truth and the firmware's view, now.</summary>
    public TraceSample Observe()
    {
        _firmware.FillStatus(_status);
        return new TraceSample(
            _ms,
            _board.TrueCount,
            _status.Count,
            _status.CountLimit,
            _status.TargetCount,
            _status.GrowthPermillePerSecond,
            _board.PoweredChannelMask,
            _status.ActiveEmitterMask,
            _board.BankPowered,
            _status.LinkAgeMilliseconds,
            _board.TrueTemperatureCentiCelsius,
            _status.TemperatureCentiCelsius,
            _status.State,
            _status.LatchedReasons,
            _status.LastCutReasons);
    }

    /// <summary>The run so far as a report; <paramref name="criteria"/> are the scenario's.</summary>
    public SimulationReport BuildReport(string scenario, IReadOnlyList<CriterionResult> criteria)
    {
        var rejects = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int[] counts = _firmware.Link.RejectCounts;
        for (int i = 1; i < counts.Length; i++)
        {
            if (counts[i] > 0)
            {
                rejects[((LinkRejectReason)i).ToString()] = counts[i];
            }
        }

        return new SimulationReport
        {
            Scenario = scenario,
            Seed = Seed,
            Ticks = _ms,
            SupervisorSteps = _supervisorSteps,
            SimulatedSeconds = _ms / 1000.0,
            Cuts = _cuts.ToArray(),
            MaxCount = _maxCount,
            MaxCountWhilePowered = Invariants.MaxCountWhilePowered,
            UnsafeExposureMilliseconds = Invariants.UnsafeExposureMilliseconds,
            InvariantViolations = Invariants.Violations,
            FinalState = State.ToString(),
            Criteria = criteria,
            LinkRejects = rejects,
        };
    }

    // ---------------------------------------------------------------- internals

    private long NowMicroseconds => _ms * 1000;

    private void ObserveGroundTruth()
    {
        long now = NowMicroseconds;
        int powered = _board.PoweredChannelMask;
        bool bank = _board.BankPowered;
        long count = _board.TrueCount;
        if (count > _maxCount)
        {
            _maxCount = count;
        }

        UpdateHazards(now, count);
        SafetySupervisor supervisor = _firmware.Supervisor;
        SupervisorMode mode = supervisor.Mode;
        Invariants.Check(now, powered, count, mode, Hazards);

        if (mode != _lastMode)
        {
            Trace.Add(_ms, $"supervisor {_lastMode} → {mode}");
            _lastMode = mode;
        }

        int sequence = supervisor.CutSequence;
        if (sequence != _lastCutSequence)
        {
            _lastCutSequence = sequence;
            supervisor.CopyLastCut(_cut);
            AddCut(CutReasonWords.Names(_cut.Reasons), CutReasonWords.Describe(_cut.Reasons), _cut.TimeMicroseconds);
        }

        if (bank != _lastBank)
        {
            _lastBank = bank;
            Trace.Add(_ms, bank ? "bank powered" : "bank unpowered");
            if (!bank && FirmwareHung)
            {
                AddCut("KeepAliveHoldExpired", "the hold circuit dropped the bank (keep-alive stopped)", now);
            }
        }

        if (_awaitingBankOff.Count > 0)
        {
            for (int i = _awaitingBankOff.Count - 1; i >= 0; i--)
            {
                CutRecord record = _awaitingBankOff[i];
                if (record.EmittersOffLatencyMilliseconds is null && powered == 0)
                {
                    record.EmittersOffLatencyMilliseconds = (now - record.OriginMicroseconds) / 1000;
                }

                if (record.LatencyMilliseconds is null && !bank)
                {
                    record.LatencyMilliseconds = (now - record.OriginMicroseconds) / 1000;
                }

                if (record.LatencyMilliseconds is not null && record.EmittersOffLatencyMilliseconds is not null)
                {
                    _awaitingBankOff.RemoveAt(i);
                }
            }
        }
    }

    private void AddCut(string reason, string words, long atMicroseconds)
    {
        HazardKind? hazard = Hazards.Earliest();
        long origin = hazard is { } h ? Hazards.OnsetMicroseconds(h) : atMicroseconds;
        var record = new CutRecord
        {
            Reason = reason,
            Words = words,
            AtMilliseconds = atMicroseconds / 1000,
            Hazard = hazard?.ToString(),
            HazardAtMilliseconds = hazard is null ? null : origin / 1000,
            BudgetMilliseconds = hazard is { } k ? Hazards.BudgetMicroseconds(k) / 1000 : null,
            OriginMicroseconds = origin,
        };
        _cuts.Add(record);
        _awaitingBankOff.Add(record);
        Trace.Add(_ms, $"cut: {reason} ({words}){(hazard is null ? string.Empty : $", hazard {hazard} since {origin / 1000} ms")}");
    }

    private void UpdateHazards(long now, long count)
    {
        Note(Hazards.Set(HazardKind.Overcount, count >= _hazardCountLimit, now, DetectionBudgets.OvercountMicroseconds), HazardKind.Overcount);
        Note(Hazards.Set(HazardKind.RunawayReplication, TrueGrowthPermillePerSecond() > _hazardGrowthLimit, now, DetectionBudgets.RunawayMicroseconds), HazardKind.RunawayReplication);
        Note(Hazards.Set(HazardKind.LinkLost, _linkDownSince >= 0, _linkDownSince, DetectionBudgets.LinkLostMicroseconds(_linkTimeoutMicroseconds)), HazardKind.LinkLost);
        Note(Hazards.Set(HazardKind.CounterFault, _counterFaults > 0, now, DetectionBudgets.CounterFaultMicroseconds), HazardKind.CounterFault);
        Note(Hazards.Set(HazardKind.TemperatureSensorFault, _temperatureFaults > 0, now, DetectionBudgets.TemperatureFaultMicroseconds), HazardKind.TemperatureSensorFault);
        Note(Hazards.Set(HazardKind.CounterValueFrozen, _counterFrozenFaults > 0, now, DetectionBudgets.CounterValueFrozenMicroseconds), HazardKind.CounterValueFrozen);
        Note(Hazards.Set(HazardKind.TemperatureValueFrozen, _temperatureFrozenFaults > 0, now, DetectionBudgets.TemperatureValueFrozenMicroseconds), HazardKind.TemperatureValueFrozen);
        Note(Hazards.Set(HazardKind.OverTemperature, _board.TrueTemperatureCentiCelsius >= _overTemperatureLimit, now, DetectionBudgets.OverTemperatureMicroseconds), HazardKind.OverTemperature);
        bool stuckOn = false;
        if (_stuckOnFaults > 0 && _board.BankPowered)
        {
            // Emitting uncommanded: the driver is shorted on, its enable is off, and the bank is up.
            for (int i = 0; i < _board.EmitterChannelCount; i++)
            {
                var channel = _board.Channel(i);
                stuckOn |= channel.StuckOn && !channel.Enable.Level;
            }
        }

        Note(Hazards.Set(HazardKind.EmitterStuckOn, stuckOn, now, DetectionBudgets.EmitterStuckOnMicroseconds), HazardKind.EmitterStuckOn);
        Note(Hazards.Set(HazardKind.FirmwareHang, FirmwareHung, now, DetectionBudgets.FirmwareHangMicroseconds), HazardKind.FirmwareHang);
    }

    /// <summary>The plant's true growth rate now, from its model (ppb per ms / 1000 = per-mille per second).</summary>
    private long TrueGrowthPermillePerSecond()
    {
        PlantParameters p = _board.Plant.Parameters;
        int powered = System.Numerics.BitOperations.PopCount((uint)_board.PoweredChannelMask);
        long ppbPerMillisecond = powered * p.GrowthPpbPerMillisecondPerChannel - p.DecayPpbPerMillisecond
            + (_board.Plant.RogueReplication ? _board.Plant.RogueGrowthPpbPerMillisecond : 0);
        return _board.TrueCount > 0 ? ppbPerMillisecond / 1000 : 0;
    }

    private void Note(bool began, HazardKind kind)
    {
        if (began)
        {
            Trace.Add(_ms, $"hazard: {kind} (budget {Hazards.BudgetMicroseconds(kind) / 1000} ms)");
        }
    }

    private void CountFault(SimulatedFault fault, int delta)
    {
        switch (fault.Part)
        {
            // Frozen at a plausible value: caught by the supervisor's frozen-value rules, whose
            // windows are longer than the freshness budgets of the faults that withhold readings.
            case SimulatedPart.NanobotCounter when fault.Kind == FaultKind.StuckValue:
                _counterFrozenFaults += delta;
                break;
            case SimulatedPart.TemperatureSensor when fault.Kind is FaultKind.StuckValue or FaultKind.FrozenSequence:
                _temperatureFrozenFaults += delta;
                break;
            case SimulatedPart.NanobotCounter when fault.Kind != FaultKind.WrongDeviceId:
                _counterFaults += delta;
                break;
            case SimulatedPart.TemperatureSensor when fault.Kind != FaultKind.WrongDeviceId:
                _temperatureFaults += delta;
                break;
            case SimulatedPart.EmitterChannel when fault.Kind == FaultKind.EmitterStuckOn:
                _stuckOnFaults += delta;
                break;
        }
    }

    private ConsoleReply Deliver(Func<ConsoleReply> send) =>
        FirmwareHung ? ConsoleReply.NoAnswer(LinkRejectReason.None) : send();

    private ConsoleReply Logged(string what, ConsoleReply reply)
    {
        Note($"console {what}: {reply}");
        return reply;
    }

    private void Note(string what) => Trace.Add(_ms, what);

    /// <summary>Seeded (reproducible, closed runs) unless the setup serves a socket; the seed is drawn either way so the rest of the run does not shift.</summary>
    private INonceSource DeviceNonces(DeterministicRandom seeds)
    {
        var seeded = new SeededNonceSource(unchecked((int)seeds.NextUInt64()));
        return _setup.CryptographicDeviceNonces ? new RandomNonceSource() : seeded;
    }

    private static byte[] KeyFrom(DeterministicRandom random)
    {
        var key = new byte[LinkProtocol.DeviceKeySize];
        for (int i = 0; i < key.Length; i++)
        {
            key[i] = random.NextByte();
        }

        return key;
    }

    /// <summary>Writes a provisioned configuration (identity, key, default settings) as the factory bench would.</summary>
    private static void Provision(SimulatedNonVolatileStorage storage, byte[] key, string serialNumber)
    {
        var store = new ConfigStore(storage);
        store.Load();
        var record = new ConfigRecord { SerialNumber = serialNumber, HardwareRevision = "SIM" };
        record.SetLinkKey(key, 0);
        record.CopySettingsFrom(new ChamberSettings());
        ConfigCommitStatus status = store.Commit(record);
        record.Clear();
        if (status != ConfigCommitStatus.Ok)
        {
            throw new InvalidOperationException($"could not provision the simulated store: {status}");
        }
    }
}
