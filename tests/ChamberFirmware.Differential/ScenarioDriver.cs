using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Runtime;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Hal.Simulated;
using ChamberFirmware.Hal.Simulated.Faults;
using ChamberFirmware.Hal.Simulated.Storage;

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
        public const long TickMicroseconds = 10_000;
        private const int Seed = 1;

        private readonly ManualClock _clock = new ManualClock(0);
        private readonly SimulatedNonVolatileStorage _storage = new SimulatedNonVolatileStorage(2, ConfigRecordCodec.MaxEncodedLength);
        private readonly SimulatedChamber _chamber;
        private readonly ITraceWriter _trace;
        private readonly string _name;
        private readonly byte[] _response = new byte[LinkProtocol.MaxFrameSize];
        private readonly byte[] _telemetry = new byte[LinkProtocol.MaxFrameSize];
        private readonly byte[] _payload = new byte[LinkProtocol.MaxPayloadSize];
        private readonly ChamberStatus _status = new ChamberStatus();
        private readonly byte[] _key = new byte[LinkProtocol.DeviceKeySize];
        private ChamberRuntime _runtime;
        private ScenarioConsole _console;
        private readonly int _durationMilliseconds;
        private bool _heartbeats = true;
        private int _tick;

        private ScenarioDriver(string name, ITraceWriter trace, int durationMilliseconds)
        {
            _durationMilliseconds = durationMilliseconds;
            _name = name;
            _trace = trace;
            _chamber = new SimulatedChamber(Seed, _clock);
        }

        /// <summary>The scenarios the differential run covers.</summary>
        public static readonly string[] Names = { "completed", "runaway", "link-loss", "sensor-nack", "frozen-counter", "emitter-stuck-on", "over-temperature" };

        /// <summary>Runs <paramref name="name"/> and returns the number of trace lines written (0: unknown scenario).</summary>
        public static int Run(string name, ITraceWriter trace)
        {
            ScenarioDriver driver = new ScenarioDriver(name, trace, 3_000);
            return driver.Play() ? driver._tick : 0;
        }

        /// <summary>A provisioned, bound chamber in Idle (for the bench): <see cref="Arm"/> and <see cref="Start"/> go on from here.</summary>
        public static ScenarioDriver Connected(ITraceWriter trace, int durationMilliseconds)
        {
            ScenarioDriver driver = new ScenarioDriver("bench", trace, durationMilliseconds);
            driver.Connect();
            return driver;
        }

        public ChamberRuntime Runtime => _runtime;

        public SimulatedChamber Chamber => _chamber;

        public ManualClock Clock => _clock;

        public ScenarioConsole Console => _console;

        /// <summary>The key the chamber was provisioned with.</summary>
        public byte[] Key => _key;

        /// <summary>Buffer for a response the runtime writes.</summary>
        public byte[] Response => _response;

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
                    _heartbeats = false;
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

        /// <summary>Provisioned at the bench, rebooted, bound, armed and started.</summary>
        private void StartSession()
        {
            Connect();
            Arm();
            RunTicks(50);
            Start();
        }

        /// <summary>Provisioned at the bench, rebooted and bound, 0.5 s on.</summary>
        private void Connect()
        {
            byte[] key = _key;
            for (int i = 0; i < key.Length; i++)
            {
                key[i] = (byte)(0x5A ^ (i * 13));
            }

            _runtime = NewRuntime();
            ProvisioningService provisioning = _runtime.Provisioning;
            provisioning.Begin();
            provisioning.StageIdentity("CH-DIFF", "B2");
            provisioning.StageLinkKey(key, 0, key.Length);
            SettingsField rejected;
            provisioning.StageSettings(new ChamberSettings(), out rejected);
            provisioning.Commit();
            _runtime = NewRuntime();

            _console = new ScenarioConsole(key, Seed + 4);
            int length;
            byte[] hello = _console.Hello(out length);
            int challengeLength = _runtime.HandleLinkFrame(hello, 0, length, _response, 0);
            _console.AcceptChallenge(_response, challengeLength);
            Command(LinkMessageType.SessionConfirm, 0);
            RunTicks(50);
        }

        public void Arm()
        {
            TreatmentProfile profile = new TreatmentProfile
            {
                TargetCount = 3_000,
                CountLimit = 12_000,
                GrowthLimitPermillePerSecond = 400,
                DurationMilliseconds = _durationMilliseconds,
                RampChannelsPerSecond = 8,
                MaxActiveChannels = 8,
            };
            LinkPayloads.WriteProfile(profile, _payload, 0);
            Command(LinkMessageType.Arm, LinkPayloads.ProfileSize);
        }

        public void Start() => Command(LinkMessageType.Start, 0);

        /// <summary>Heartbeats and commands from now on come from <paramref name="console"/> (the bench's last handshake).</summary>
        public void UseConsole(ScenarioConsole console) => _console = console;

        private ChamberRuntime NewRuntime()
        {
            DiagnosticsIdentity identity = new DiagnosticsIdentity();
            identity.Manufacturer = "Chamber Works";
            identity.Model = "NC-1";
            identity.FirmwareRevision = "diff";
            identity.SoftwareRevision = "differential";
            ChamberRuntime runtime = new ChamberRuntime(_chamber, _storage, new DeterministicNonceSource(17), _clock, identity);
            runtime.Boot();
            return runtime;
        }

        private void Command(LinkMessageType type, int payloadLength)
        {
            int length;
            byte[] frame = _console.Frame(type, _payload, payloadLength, out length);
            int responseLength = _runtime.HandleLinkFrame(frame, 0, length, _response, 0);
            int result = _console.OpenResult(_response, responseLength);
            _trace.WriteLine(_name + ",cmd," + ((int)type).ToString() + "," + result.ToString());
        }

        public void RunTicks(int ticks)
        {
            for (int i = 0; i < ticks; i++)
            {
                Tick();
            }
        }

        /// <summary>One 10 ms period in the runtime's documented order: heartbeat, telemetry, ControlStep, SupervisorStep.</summary>
        private void Tick()
        {
            _chamber.Advance(TickMicroseconds);
            _tick++;
            long now = _clock.NowMicroseconds;
            if (_console != null && _heartbeats && now % 50_000 == 0)
            {
                int length;
                byte[] frame = _console.Frame(LinkMessageType.Heartbeat, _payload, 0, out length);
                _runtime.HandleLinkFrame(frame, 0, length, _response, 0);
            }

            if (now % (RuntimeTiming.LinkPeriodMilliseconds * 1000L) == 0)
            {
                _runtime.BuildTelemetryFrame(_telemetry, 0);
            }

            if (now % (RuntimeTiming.ControlPeriodMilliseconds * 1000L) == 0)
            {
                _runtime.ControlStep();
            }

            _runtime.SupervisorStep();
            _runtime.FillStatus(_status);
            _trace.WriteLine(_name + "," + _tick.ToString()
                + ",mode=" + ((int)_runtime.Supervisor.Mode).ToString()
                + ",state=" + ((int)_runtime.Controller.State).ToString()
                + ",mask=" + _chamber.PoweredChannelMask.ToString()
                + ",keepalive=" + (_chamber.KeepAliveLine.Level ? "1" : "0")
                + ",latched=" + ((int)_runtime.Supervisor.LatchedReasons).ToString()
                + ",count=" + _runtime.Supervisor.Count.ToString()
                + ",link=" + _status.LinkAgeMilliseconds.ToString());
        }
    }
}
