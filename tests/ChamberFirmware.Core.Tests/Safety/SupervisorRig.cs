using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Hal.Sensors;
using ChamberFirmware.Hal.Simulated;

namespace ChamberFirmware.Core.Tests.Safety;

/// <summary>
/// A time-injected model of the world around the supervisor: sensors, link, loops, emitter
/// read-back and the keep-alive/interlock circuit, each with a fault knob. Step() plays one
/// supervisor period the way the runtime will: fill inputs, Tick, apply outputs.
/// </summary>
internal sealed class SupervisorRig
{
    public const long Period = SafetyTiming.PeriodMicroseconds;

    public SupervisorRig(ChamberSettings? settings = null)
    {
        Supervisor = settings is null ? new SafetySupervisor() : new SafetySupervisor(settings);
    }

    public ManualClock Clock { get; } = new(1_000_000);
    public SafetySupervisor Supervisor { get; }
    public SupervisorInputs Inputs { get; } = new();
    public SupervisorOutputs Outputs { get; private set; } = new();
    public long Now => Clock.NowMicroseconds;

    /// <summary>Optional control loop run before each supervisor tick (same thread order as the runtime).</summary>
    public System.Action<long>? BeforeTick { get; set; }

    // Counter sensor.
    public int Count { get; set; } = 2000;
    public SensorReadStatus CounterStatus { get; set; } = SensorReadStatus.Ok;
    public bool CounterReads { get; set; } = true;
    public bool FreezeSequence { get; set; }
    public int Sequence { get; private set; }

    /// <summary>
    /// A live sensor jitters: while a test holds Count (or Temperature) unchanged, the rig reports it
    /// alternately as set and one below (one above at the bottom of the sensor's range, so the
    /// jitter never leaves it), as a real part's noise would. The first sample after a
    /// change is always exact. Off: the value is reported bit-identical (a frozen sensor).
    /// </summary>
    public bool CountJitters { get; set; } = true;
    public bool TemperatureJitters { get; set; } = true;
    private int _heldCount = int.MinValue;
    private int _countHeldSteps;
    private int _heldTemperature = int.MinValue;
    private int _temperatureHeldSteps;

    // Temperature sensor.
    public int Temperature { get; set; } = 3700;
    public SensorReadStatus TemperatureStatus { get; set; } = SensorReadStatus.Ok;
    public bool TemperatureReads { get; set; } = true;

    // Link and loops.
    public bool Heartbeats { get; set; } = true;
    public long HeartbeatPeriod { get; set; } = 50_000;
    public long LastHeartbeat { get; private set; } = long.MinValue;
    public bool ControlCheckIn { get; set; } = true;
    public bool SensorCheckIn { get; set; } = true;
    public bool LinkCheckIn { get; set; } = true;

    // Emitter lines and their read-back.
    public int LineMask { get; private set; }
    public int StuckOnMask { get; set; }
    public int StuckOffMask { get; set; }
    public int? ReadbackOverride { get; set; }

    // Keep-alive circuit: powered while toggled within the hold time.
    public bool KeepAliveStuckPowered { get; set; }
    public bool InterlockNeverPowers { get; set; }
    public long LastToggle { get; private set; } = long.MinValue;
    public int KeepAliveToggles { get; private set; }

    /// <summary>Extra time added to the next step only (late tick).</summary>
    public long ExtraDelay { get; set; }

    public bool InterlockPowered => !InterlockNeverPowers
        && (KeepAliveStuckPowered || (LastToggle != long.MinValue && Now - LastToggle <= SafetyTiming.InterlockHoldMicroseconds));

    public SupervisorOutputs Step()
    {
        Clock.AdvanceMicroseconds(Period + ExtraDelay);
        ExtraDelay = 0;
        long now = Now;
        if (Heartbeats && (LastHeartbeat == long.MinValue || now - LastHeartbeat >= HeartbeatPeriod))
        {
            Supervisor.OnHeartbeat(now);
            LastHeartbeat = now;
        }

        if (ControlCheckIn) Supervisor.CheckIn(WatchdogChannel.ControlLoop, now);
        if (SensorCheckIn) Supervisor.CheckIn(WatchdogChannel.SensorLoop, now);
        if (LinkCheckIn) Supervisor.CheckIn(WatchdogChannel.LinkLoop, now);
        BeforeTick?.Invoke(now);

        if (CounterReads)
        {
            Inputs.CounterReadMicroseconds = now;
            Inputs.CounterStatus = CounterStatus;
            _countHeldSteps = Count == _heldCount ? _countHeldSteps + 1 : 0;
            _heldCount = Count;
            Inputs.Count = CountJitters ? Count + (JitterDirection(Count, 0) * (_countHeldSteps & 1)) : Count;
            if (!FreezeSequence) Sequence++;
            Inputs.CounterSequence = Sequence;
        }

        if (TemperatureReads)
        {
            Inputs.TemperatureReadMicroseconds = now;
            Inputs.TemperatureStatus = TemperatureStatus;
            _temperatureHeldSteps = Temperature == _heldTemperature ? _temperatureHeldSteps + 1 : 0;
            _heldTemperature = Temperature;
            Inputs.TemperatureCentiCelsius = TemperatureJitters ? Temperature + (JitterDirection(Temperature, SafetyTiming.TemperatureRangeMinimum) * (_temperatureHeldSteps & 1)) : Temperature;
        }

        // The read-back senses the drive after the bank supply switch: all off while unpowered.
        Inputs.EmitterReadbackMask = ReadbackOverride ?? (InterlockPowered ? (LineMask | StuckOnMask) & ~StuckOffMask : 0);
        Inputs.InterlockPowered = InterlockPowered;

        Outputs = Supervisor.Tick(Inputs, now);
        LineMask = Outputs.EmitterMask;
        if (Outputs.ToggleKeepAlive)
        {
            LastToggle = now;
            KeepAliveToggles++;
        }

        return Outputs;
    }

    public void Steps(int count)
    {
        for (int i = 0; i < count; i++) Step();
    }

    /// <summary>Healthy history: full growth window, enough heartbeats and good samples to arm or clear.</summary>
    public SupervisorRig Warm()
    {
        Steps(30);
        return this;
    }

    /// <summary>Arms the supervisor and runs the self-test to Ready; returns the ticks it took.</summary>
    public int Arm(int countLimit = 100_000, int growthLimit = 200, int maxChannels = 8)
    {
        CutReasons blocking = Supervisor.BeginArm(countLimit, growthLimit, maxChannels, Now);
        if (blocking != CutReasons.None)
        {
            throw new System.InvalidOperationException($"arm refused: {blocking}");
        }

        for (int ticks = 1; ticks <= 20; ticks++)
        {
            Step();
            if (Supervisor.Mode != SupervisorMode.SelfTest) return ticks;
        }

        throw new System.InvalidOperationException("self-test did not finish");
    }

    /// <summary>Requests channels and ticks once so they are applied.</summary>
    public SupervisorOutputs Emit(int mask, int leaseMilliseconds = 100)
    {
        if (!Supervisor.RequestEmitters(mask, leaseMilliseconds, Now))
        {
            throw new System.InvalidOperationException("lease refused");
        }

        return Step();
    }

    private static int JitterDirection(int value, int rangeMinimum) => value <= rangeMinimum ? 1 : -1;
}
