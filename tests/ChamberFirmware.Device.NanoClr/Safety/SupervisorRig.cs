// Shared with the host tests (Core.Tests links this file), where nullable is on: null settings mean defaults.
#nullable disable
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Hal.Sensors;

namespace ChamberFirmware.Device.NanoClr.Safety
{
    /// <summary>
    /// A time-injected model of the world around the supervisor: sensors, link, loops, emitter
    /// read-back and the keep-alive/interlock circuit, each with a fault knob. Step() plays one
    /// supervisor period the way the runtime does: fill inputs, Tick, apply outputs. Written in the
    /// nanoFramework subset so that one rig serves the nanoCLR device tests and the host tests
    /// (tests/ChamberFirmware.Core.Tests links this file). Fields, not properties, for the knobs:
    /// fewer interpreted calls per step.
    /// </summary>
    public sealed class SupervisorRig
    {
        public const long Period = SafetyTiming.PeriodMicroseconds;

        /// <summary>ReadbackOverride value meaning "no override: sense the lines".</summary>
        public const int NoOverride = -1;

        public readonly ManualClock Clock = new ManualClock(1000000);
        public readonly SafetySupervisor Supervisor;
        public readonly SupervisorInputs Inputs = new SupervisorInputs();
        public SupervisorOutputs Outputs = new SupervisorOutputs();

        // Counter sensor. A live sensor jitters: a held value reads alternately as set and one
        // below (one above at the bottom of the range); the first sample after a change is exact.
        public int Count = 2000;
        public SensorReadStatus CounterStatus = SensorReadStatus.Ok;
        public bool CounterReads = true;
        public bool FreezeSequence;
        public int Sequence;
        public bool CountJitters = true;

        // Temperature sensor.
        public int Temperature = 3700;
        public SensorReadStatus TemperatureStatus = SensorReadStatus.Ok;
        public bool TemperatureReads = true;
        public bool TemperatureJitters = true;

        // Link and loops.
        public bool Heartbeats = true;
        public long HeartbeatPeriod = 50000;
        public long LastHeartbeat = long.MinValue;
        public bool ControlCheckIn = true;
        public bool SensorCheckIn = true;
        public bool LinkCheckIn = true;

        // Emitter lines and their read-back.
        public int LineMask;
        public int StuckOnMask;
        public int StuckOffMask;
        public int ReadbackOverride = NoOverride;

        // Keep-alive circuit: powered while toggled within the hold time.
        public bool KeepAliveStuckPowered;
        public bool InterlockNeverPowers;
        public long LastToggle = long.MinValue;
        public int KeepAliveToggles;

        /// <summary>Extra time added to the next step only (late tick).</summary>
        public long ExtraDelay;

        /// <summary>Optional control loop run before each supervisor tick (same order as the runtime).</summary>
        public TickHook BeforeTick;

        private int _heldCount = int.MinValue;
        private int _countHeldSteps;
        private int _heldTemperature = int.MinValue;
        private int _temperatureHeldSteps;

        public SupervisorRig(ChamberSettings settings = null)
        {
            Supervisor = settings == null ? new SafetySupervisor() : new SafetySupervisor(settings);
        }

        public long Now => Clock.NowMicroseconds;

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

            if (ControlCheckIn)
            {
                Supervisor.CheckIn(WatchdogChannel.ControlLoop, now);
            }

            if (SensorCheckIn)
            {
                Supervisor.CheckIn(WatchdogChannel.SensorLoop, now);
            }

            if (LinkCheckIn)
            {
                Supervisor.CheckIn(WatchdogChannel.LinkLoop, now);
            }

            if (BeforeTick != null)
            {
                BeforeTick(now);
            }

            if (CounterReads)
            {
                Inputs.CounterReadMicroseconds = now;
                Inputs.CounterStatus = CounterStatus;
                _countHeldSteps = Count == _heldCount ? _countHeldSteps + 1 : 0;
                _heldCount = Count;
                Inputs.Count = CountJitters ? Count + (JitterDirection(Count, 0) * (_countHeldSteps & 1)) : Count;
                if (!FreezeSequence)
                {
                    Sequence++;
                }

                Inputs.CounterSequence = Sequence;
            }

            if (TemperatureReads)
            {
                Inputs.TemperatureReadMicroseconds = now;
                Inputs.TemperatureStatus = TemperatureStatus;
                _temperatureHeldSteps = Temperature == _heldTemperature ? _temperatureHeldSteps + 1 : 0;
                _heldTemperature = Temperature;
                Inputs.TemperatureCentiCelsius = TemperatureJitters
                    ? Temperature + (JitterDirection(Temperature, SafetyTiming.TemperatureRangeMinimum) * (_temperatureHeldSteps & 1))
                    : Temperature;
            }

            // The read-back senses the drive after the bank supply switch: all off while unpowered.
            bool powered = InterlockPowered;
            Inputs.EmitterReadbackMask = ReadbackOverride != NoOverride ? ReadbackOverride : (powered ? (LineMask | StuckOnMask) & ~StuckOffMask : 0);
            Inputs.InterlockPowered = powered;

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
            for (int i = 0; i < count; i++)
            {
                Step();
            }
        }

        /// <summary>Healthy history: full growth window, enough heartbeats and good samples to arm or clear.</summary>
        public SupervisorRig Warm()
        {
            Steps(30);
            return this;
        }

        /// <summary>Arms and runs the self-test to Ready; returns the ticks it took. Throws when refused or stuck.</summary>
        public int Arm(int countLimit = 100000, int growthLimit = 200, int maxChannels = 8)
        {
            CutReasons blocking = Supervisor.BeginArm(countLimit, growthLimit, maxChannels, Now);
            if (blocking != CutReasons.None)
            {
                throw new System.InvalidOperationException("arm refused: " + ((int)blocking).ToString());
            }

            for (int ticks = 1; ticks <= 20; ticks++)
            {
                Step();
                if (Supervisor.Mode != SupervisorMode.SelfTest)
                {
                    return ticks;
                }
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
}
