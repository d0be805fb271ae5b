using System;
using ChamberFirmware.Hal.Board;
using ChamberFirmware.Hal.Clock;
using ChamberFirmware.Hal.Gpio;
using ChamberFirmware.Hal.I2c;
using ChamberFirmware.Hal.Simulated.Chips;
using ChamberFirmware.Hal.Simulated.Emitters;
using ChamberFirmware.Hal.Simulated.Faults;
using ChamberFirmware.Hal.Simulated.Gpio;
using ChamberFirmware.Hal.Simulated.I2c;
using ChamberFirmware.Hal.Simulated.Interlock;
using ChamberFirmware.Hal.Simulated.Plant;

namespace ChamberFirmware.Hal.Simulated
{

/// <summary>
/// The whole chamber controller board and the chamber it drives, simulated: emitter channels with
/// readbacks, the keep-alive hold circuit and its power sense, the sensor bus with the counter and
/// the temperature sensor, LED, buzzer, provisioning jumper, and the plant. Built from a seed and a
/// <see cref="ManualClock"/>; everything that follows is deterministic.
/// It exposes the same <see cref="IChamberBoard"/> the ESP32 factory does, plus ground truth for
/// latency and invariant measurements, and a <see cref="FaultSchedule"/>.
/// Time: <see cref="Advance"/> moves the clock and steps the plant in 1 ms steps; every part also
/// catches up by itself when the firmware touches it, so advancing the clock directly is fine too.
/// Nothing here allocates after construction (a 10 ms advance costs well under a microsecond).
/// </summary>
public sealed class SimulatedChamber : IChamberBoard
{
    private readonly ManualClock _clock;
    private readonly SimulatedEmitterChannel[] _channels;
    private readonly SimulatedInputPin[] _readbacks;
    private readonly SimulatedI2cBus _bus;
    private readonly II2cDevice _counterConnection;
    private readonly II2cDevice _temperatureConnection;
    private long _syncedTo;
    private long _nextPlantStepAt;
    private int _poweredMask;
    private int _poweredCount;
    private bool _syncing;

    public SimulatedChamber(int seed, ManualClock clock, PlantParameters? parameters = null, int channelCount = BoardPins.EmitterChannelCount)
    {
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        if (channelCount is < 1 or > 30)
        {
            throw new ArgumentOutOfRangeException(nameof(channelCount), "1 to 30 channels, not " + channelCount.ToString());
        }

        Seed = seed;
        // The same parts on .NET and on nanoCLR (the differential run): a portable generator, not System.Random.
        var seeds = new DeterministicRandom(seed);
        parameters ??= new PlantParameters();
        Plant = new ChamberPlant(parameters, seeds.NextSeed());
        HoldCircuit = new SimulatedHoldCircuit(BoardPins.KeepAliveHoldMicroseconds);
        Faults = new FaultSchedule(channelCount);

        _channels = new SimulatedEmitterChannel[channelCount];
        _readbacks = new SimulatedInputPin[channelCount];
        for (int i = 0; i < channelCount; i++)
        {
            var enable = new SimulatedOutputPin($"emitter{i}.enable") { BeforeChange = SyncToClock, AfterChange = RecomputePowered };
            var channel = new SimulatedEmitterChannel(i, enable);
            var readback = new SimulatedInputPin($"emitter{i}.readback", () => ReadDrive(channel), () => channel.Enable.Level);
            channel.Readback = readback;
            _channels[i] = channel;
            _readbacks[i] = readback;
        }

        KeepAliveLine = new SimulatedKeepAliveOutput(OnKeepAliveEdge);
        PowerSense = new SimulatedInputPin("interlock.powerSense", ReadBankPower);
        StatusLedPin = new SimulatedOutputPin("statusLed");
        BuzzerPin = new SimulatedOutputPin("buzzer");
        JumperPin = new SimulatedInputPin("provisioningJumper", () => ProvisioningJumperFitted == BoardPins.ProvisioningJumperFittedHigh);

        _bus = new SimulatedI2cBus { BeforeTransfer = SyncToClock };
        CounterChip = new SimulatedNanobotCounterChip(BoardPins.NanobotCounterAddress, clock, seeds.NextSeed(), parameters.CounterNoisePermille);
        TemperatureChip = new SimulatedTemperatureSensorChip(BoardPins.TemperatureSensorAddress, clock, seeds.NextSeed());
        _bus.Attach(CounterChip);
        _bus.Attach(TemperatureChip);
        _counterConnection = _bus.Open(BoardPins.NanobotCounterAddress);
        _temperatureConnection = _bus.Open(BoardPins.TemperatureSensorAddress);

        _syncedTo = clock.NowMicroseconds;
        _nextPlantStepAt = clock.NowMicroseconds + ChamberPlant.StepMicroseconds;
    }

    public int Seed { get; }

    public ManualClock ManualClock => _clock;

    public ChamberPlant Plant { get; }

    public SimulatedHoldCircuit HoldCircuit { get; }

    public SimulatedKeepAliveOutput KeepAliveLine { get; }

    public SimulatedInputPin PowerSense { get; }

    public SimulatedNanobotCounterChip CounterChip { get; }

    public SimulatedTemperatureSensorChip TemperatureChip { get; }

    public SimulatedOutputPin StatusLedPin { get; }

    public SimulatedOutputPin BuzzerPin { get; }

    public SimulatedInputPin JumperPin { get; }

    public SimulatedI2cBus Bus => _bus;

    public FaultSchedule Faults { get; }

    /// <summary>Whether a person has fitted the provisioning jumper.</summary>
    public bool ProvisioningJumperFitted { get; set; }

    public SimulatedEmitterChannel Channel(int index) => _channels[index];

    // ---- IChamberBoard: the shapes the firmware sees, as on the ESP32 ----

    public IMonotonicClock Clock => _clock;

    public int EmitterChannelCount => _channels.Length;

    public IDigitalOutput GetEmitterEnable(int channel) => _channels[channel].Enable;

    public IDigitalInput GetEmitterReadback(int channel) => _readbacks[channel];

    public IKeepAliveOutput KeepAlive => KeepAliveLine;

    public IDigitalInput InterlockPowerSense => PowerSense;

    public II2cDevice NanobotCounter => _counterConnection;

    public II2cDevice TemperatureSensor => _temperatureConnection;

    public IDigitalOutput StatusLed => StatusLedPin;

    public IDigitalOutput Buzzer => BuzzerPin;

    public IDigitalInput ProvisioningJumper => JumperPin;

    // ---- Ground truth ----

    /// <summary>The real number of nanobots now.</summary>
    public long TrueCount
    {
        get
        {
            SyncToClock();
            return Plant.TrueCount;
        }
    }

    /// <summary>Channels really emitting now: enabled (or shorted) and the bank powered.</summary>
    public int PoweredChannelMask
    {
        get
        {
            SyncToClock();
            return _poweredMask;
        }
    }

    /// <summary>Whether the bank supply is really up now.</summary>
    public bool BankPowered
    {
        get
        {
            SyncToClock();
            return HoldCircuit.Powered;
        }
    }

    public int TrueTemperatureCentiCelsius
    {
        get
        {
            SyncToClock();
            return Plant.TrueTemperatureCentiCelsius;
        }
    }

    // ---- Time ----

    /// <summary>Moves the clock on and steps the whole chamber to the new time.</summary>
    public void Advance(long microseconds)
    {
        _clock.AdvanceMicroseconds(microseconds);
        SyncToClock();
    }

    /// <summary>Steps the chamber up to the clock's time, applying every fault transition and interlock drop on the way.</summary>
    public void SyncToClock()
    {
        long now = _clock.NowMicroseconds;
        if (_syncing || (now == _syncedTo && now < _nextPlantStepAt && now < Faults.NextAtMicroseconds && now < HoldCircuit.DropsAtMicroseconds))
        {
            // Already there (the firmware reads many lines per tick), or a part read while a
            // fault is being applied, in the middle of a sync.
            return;
        }

        _syncing = true;
        try
        {
            while (true)
            {
                long eventAt = LongMath.Min(Faults.NextAtMicroseconds, HoldCircuit.DropsAtMicroseconds);
                long until = LongMath.Min(now, eventAt);
                RunSteps(until);
                if (until > _syncedTo)
                {
                    _syncedTo = until;
                }

                if (eventAt > now)
                {
                    return;
                }

                HoldCircuit.Expire(eventAt);
                while (Faults.TryTakeDue(eventAt, out FaultTransition transition))
                {
                    Apply(transition);
                }

                RecomputePowered();
            }
        }
        finally
        {
            _syncing = false;
        }
    }

    /// <summary>Applies a fault now (after stepping to now).</summary>
    public void InjectFault(SimulatedPart part, FaultKind kind, int channel = 0) => SetFaultNow(part, kind, channel, true);

    /// <summary>Clears a fault now (after stepping to now).</summary>
    public void ClearFault(SimulatedPart part, FaultKind kind, int channel = 0) => SetFaultNow(part, kind, channel, false);

    private void SetFaultNow(SimulatedPart part, FaultKind kind, int channel, bool active)
    {
        FaultTarget.Check(part, channel, kind, _channels.Length);
        SyncToClock();
        Apply(new FaultTransition(_clock.NowMicroseconds, part, channel, kind, active));
        RecomputePowered();
    }

    private void RunSteps(long until)
    {
        while (_nextPlantStepAt <= until)
        {
            long at = _nextPlantStepAt;
            Plant.Step(_poweredCount);
            if (at >= CounterChip.NextConversionAtMicroseconds)
            {
                CounterChip.Convert(at, Plant.TrueCount);
            }

            if (at >= TemperatureChip.NextConversionAtMicroseconds)
            {
                TemperatureChip.Convert(at, Plant.TrueTemperatureMilliCelsius);
            }

            _nextPlantStepAt = at + ChamberPlant.StepMicroseconds;
        }
    }

    private void OnKeepAliveEdge()
    {
        SyncToClock();
        HoldCircuit.OnEdge(_clock.NowMicroseconds);
        RecomputePowered();
    }

    private bool ReadDrive(SimulatedEmitterChannel channel)
    {
        SyncToClock();
        return channel.IsDriven(HoldCircuit.Powered);
    }

    private bool ReadBankPower()
    {
        SyncToClock();
        return HoldCircuit.Powered;
    }

    private void RecomputePowered()
    {
        bool bank = HoldCircuit.Powered;
        int mask = 0;
        int count = 0;
        for (int i = 0; i < _channels.Length; i++)
        {
            if (_channels[i].IsDriven(bank))
            {
                mask |= 1 << i;
                count++;
            }
        }

        _poweredMask = mask;
        _poweredCount = count;
    }

    private void Apply(FaultTransition t)
    {
        bool on = t.Active;
        switch (t.Part)
        {
            case SimulatedPart.NanobotCounter:
                CounterChip.SetFault(ToChipFault(t.Kind), on);
                break;
            case SimulatedPart.TemperatureSensor:
                TemperatureChip.SetFault(ToChipFault(t.Kind), on);
                break;
            case SimulatedPart.EmitterChannel:
                SimulatedEmitterChannel channel = _channels[t.Channel];
                switch (t.Kind)
                {
                    case FaultKind.EmitterStuckOn:
                        channel.StuckOn = on;
                        break;
                    case FaultKind.EmitterStuckOff:
                        channel.StuckOff = on;
                        break;
                    case FaultKind.ReadbackStuckLow:
                        channel.Readback.SetFault(on ? InputPinFault.StuckLow : InputPinFault.None);
                        break;
                    case FaultKind.ReadbackStuckHigh:
                        channel.Readback.SetFault(on ? InputPinFault.StuckHigh : InputPinFault.None);
                        break;
                    case FaultKind.ReadbackEchoesEnable:
                        channel.Readback.SetFault(on ? InputPinFault.Echo : InputPinFault.None);
                        break;
                }

                break;
            case SimulatedPart.KeepAlive:
                KeepAliveLine.Stuck = on;
                break;
            case SimulatedPart.HoldCircuit:
                HoldCircuit.StuckPowered = on;
                break;
            case SimulatedPart.InterlockPowerSense:
                PowerSense.SetFault(!on ? InputPinFault.None : t.Kind == FaultKind.PowerSenseStuckHigh ? InputPinFault.StuckHigh : InputPinFault.StuckLow);
                break;
            case SimulatedPart.Plant:
                Plant.RogueReplication = on;
                break;
        }
    }

    private static ChipFaults ToChipFault(FaultKind kind) => kind switch
    {
        FaultKind.I2cNack => ChipFaults.Nack,
        FaultKind.I2cClockStretchTimeout => ChipFaults.ClockStretchTimeout,
        FaultKind.I2cPartialTransfer => ChipFaults.PartialTransfer,
        FaultKind.GarbageBytes => ChipFaults.GarbageBytes,
        FaultKind.ReservedBitsSet => ChipFaults.ReservedBitsSet,
        FaultKind.WrongDeviceId => ChipFaults.WrongDeviceId,
        FaultKind.StuckValue => ChipFaults.StuckValue,
        FaultKind.FrozenSequence => ChipFaults.FrozenSequence,
        FaultKind.OutOfRangeValue => ChipFaults.OutOfRangeValue,
        FaultKind.CrcError => ChipFaults.CrcError,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), "not a chip fault: " + kind.ToString()),
    };
}
}
