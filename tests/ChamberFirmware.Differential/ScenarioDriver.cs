using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Runtime;
using ChamberFirmware.Hal.Simulated;
using ChamberFirmware.Hal.Simulated.Faults;

namespace ChamberFirmware.Differential
{
    /// <summary>
    /// Runs the whole ChamberRuntime on the simulated board through one named scenario, 10 ms a
    /// tick, and writes one trace line per tick: mode, treatment state, emitters really powered,
    /// keep-alive level, latched cut reasons, count and link age. Everything (board, nonces, console)
    /// comes from seeds through the portable generator, so .NET and nanoCLR must write the same lines.
    /// </summary>
    public sealed class ScenarioDriver
    {
        public const long TickMicroseconds = ChamberSession.PeriodMicroseconds;
        private const int Seed = 1;

        private readonly ManualClock _clock = new ManualClock(0);
        private readonly SimulatedChamber _chamber;
        private readonly ChamberSession _session;
        private readonly ITraceWriter _trace;
        private readonly string _name;
        private readonly ChamberStatus _status = new ChamberStatus();
        private readonly int _durationMilliseconds;
        private int _tick;

        private ScenarioDriver(string name, ITraceWriter trace, int durationMilliseconds)
        {
            _durationMilliseconds = durationMilliseconds;
            _name = name;
            _trace = trace;
            _chamber = new SimulatedChamber(Seed, _clock);
            _session = new ChamberSession(_chamber, _clock);
        }

        /// <summary>The scenarios the differential run covers.</summary>
        public static readonly string[] Names = { "completed", "runaway", "link-loss", "sensor-nack", "frozen-counter", "emitter-stuck-on", "over-temperature" };

        /// <summary>Runs <paramref name="name"/> and returns the number of trace lines written (0: unknown scenario).</summary>
        public static int Run(string name, ITraceWriter trace)
        {
            ScenarioDriver driver = new ScenarioDriver(name, trace, 3_000);
            return driver.Play() ? driver._tick : 0;
        }

        private bool Play()
        {
            StartSession();
            switch (_name)
            {
                case "completed":
                    RunTicks(400);
                    break;
                case "runaway":
                    RunTicks(20);
                    _chamber.Plant.RogueReplication = true;
                    RunTicks(150);
                    break;
                case "link-loss":
                    RunTicks(20);
                    _session.Heartbeats = false;
                    RunTicks(60);
                    break;
                case "sensor-nack":
                    RunTicks(20);
                    _chamber.Faults.Add(_clock.NowMicroseconds, SimulatedPart.NanobotCounter, FaultKind.I2cNack);
                    RunTicks(60);
                    break;
                case "frozen-counter":
                    RunTicks(20);
                    _chamber.Faults.Add(_clock.NowMicroseconds, SimulatedPart.NanobotCounter, FaultKind.FrozenSequence);
                    RunTicks(100);
                    break;
                case "emitter-stuck-on":
                    RunTicks(20);
                    _chamber.Faults.Add(_clock.NowMicroseconds, SimulatedPart.EmitterChannel, FaultKind.EmitterStuckOn, 7);
                    RunTicks(60);
                    break;
                case "over-temperature":
                    RunTicks(20);
                    _chamber.Plant.PinnedTemperatureMilliCelsius = 45_000;
                    _chamber.Plant.TemperaturePinned = true;
                    RunTicks(200);
                    break;
                default:
                    return false;
            }

            return true;
        }

        /// <summary>Provisioned at the bench, rebooted, bound, 0.5 s on; armed, 0.5 s of self-test; started.</summary>
        private void StartSession()
        {
            TraceCommand(LinkMessageType.SessionConfirm, _session.Connect());
            RunTicks(50);
            TraceCommand(LinkMessageType.Arm, _session.Arm(_durationMilliseconds));
            RunTicks(50);
            TraceCommand(LinkMessageType.Start, _session.Start());
        }

        private void TraceCommand(LinkMessageType type, int result)
        {
            _trace.WriteLine(_name + ",cmd," + ((int)type).ToString() + "," + result.ToString());
        }

        private void RunTicks(int ticks)
        {
            for (int i = 0; i < ticks; i++)
            {
                Tick();
            }
        }

        /// <summary>One 10 ms period on the simulated chamber, and its trace line.</summary>
        private void Tick()
        {
            _chamber.Advance(TickMicroseconds);
            _tick++;
            _session.Period();
            ChamberRuntime runtime = _session.Runtime;
            runtime.FillStatus(_status);
            _trace.WriteLine(_name + "," + _tick.ToString()
                + ",mode=" + ((int)runtime.Supervisor.Mode).ToString()
                + ",state=" + ((int)runtime.Controller.State).ToString()
                + ",mask=" + _chamber.PoweredChannelMask.ToString()
                + ",keepalive=" + (_chamber.KeepAliveLine.Level ? "1" : "0")
                + ",latched=" + ((int)runtime.Supervisor.LatchedReasons).ToString()
                + ",count=" + runtime.Supervisor.Count.ToString()
                + ",link=" + _status.LinkAgeMilliseconds.ToString());
        }
    }
}
