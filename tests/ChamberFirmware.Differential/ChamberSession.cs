using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Runtime;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Hal.Board;
using ChamberFirmware.Hal.Clock;
using ChamberFirmware.Hal.Simulated.Storage;

namespace ChamberFirmware.Differential
{
    /// <summary>
    /// The whole ChamberRuntime on a board, driven as the device drives it: provisioned at the
    /// bench, rebooted, bound to a console, armed and started over the authenticated link, then one
    /// 10 ms period at a time in the runtime's documented order. The caller moves time (and the
    /// board's world) before each period. Everything comes from fixed seeds, so .NET and nanoCLR
    /// see the same frames.
    /// </summary>
    public sealed class ChamberSession
    {
        public const long PeriodMicroseconds = 10_000;
        private const int Seed = 1;

        private readonly IChamberBoard _board;
        private readonly IMonotonicClock _clock;
        private readonly SimulatedNonVolatileStorage _storage = new SimulatedNonVolatileStorage(2, ConfigRecordCodec.MaxEncodedLength);
        private readonly byte[] _response = new byte[LinkProtocol.MaxFrameSize];
        private readonly byte[] _telemetry = new byte[LinkProtocol.MaxFrameSize];
        private readonly byte[] _payload = new byte[LinkProtocol.MaxPayloadSize];
        private readonly byte[] _key = new byte[LinkProtocol.DeviceKeySize];
        private ChamberRuntime _runtime;
        private ScenarioConsole _console;

        public ChamberSession(IChamberBoard board, IMonotonicClock clock)
        {
            _board = board;
            _clock = clock;
        }

        public ChamberRuntime Runtime => _runtime;

        public ScenarioConsole Console => _console;

        /// <summary>The key the chamber was provisioned with.</summary>
        public byte[] Key => _key;

        /// <summary>Buffer for a response the runtime writes.</summary>
        public byte[] Response => _response;

        /// <summary>Whether the console sends its heartbeat every 50 ms.</summary>
        public bool Heartbeats { get; set; } = true;

        /// <summary>Provisioned at the bench, rebooted and bound (no time passes); returns the SessionConfirm's result code.</summary>
        public int Connect()
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
            return Command(LinkMessageType.SessionConfirm, 0);
        }

        /// <summary>Arms with the differential profile (target 3,000, limit 12,000); returns the command's result code.</summary>
        public int Arm(int durationMilliseconds)
        {
            TreatmentProfile profile = new TreatmentProfile
            {
                TargetCount = 3_000,
                CountLimit = 12_000,
                GrowthLimitPermillePerSecond = 400,
                DurationMilliseconds = durationMilliseconds,
                RampChannelsPerSecond = 8,
                MaxActiveChannels = 8,
            };
            LinkPayloads.WriteProfile(profile, _payload, 0);
            return Command(LinkMessageType.Arm, LinkPayloads.ProfileSize);
        }

        public int Start() => Command(LinkMessageType.Start, 0);

        /// <summary>Heartbeats and commands from now on come from <paramref name="console"/> (the bench's last handshake).</summary>
        public void UseConsole(ScenarioConsole console) => _console = console;

        /// <summary>A command frame from the console, its payload in the session's payload buffer; returns the result code.</summary>
        public int Command(LinkMessageType type, int payloadLength)
        {
            int length;
            byte[] frame = _console.Frame(type, _payload, payloadLength, out length);
            int responseLength = _runtime.HandleLinkFrame(frame, 0, length, _response, 0);
            return _console.OpenResult(_response, responseLength);
        }

        /// <summary>One 10 ms period in the runtime's documented order: heartbeat, telemetry, ControlStep, SupervisorStep.</summary>
        public void Period()
        {
            Period(null, MeasuredLoop.None);
        }

        /// <summary>
        /// One period, with the loop named by <paramref name="measured"/> between two marks of
        /// <paramref name="bench"/> (a measured section of the cost bench), if it runs in this period.
        /// </summary>
        public void Period(IBenchHost bench, MeasuredLoop measured)
        {
            long now = _clock.NowMicroseconds;
            if (_console != null && Heartbeats && now % 50_000 == 0)
            {
                int length;
                byte[] frame = _console.Frame(LinkMessageType.Heartbeat, _payload, 0, out length);
                _runtime.HandleLinkFrame(frame, 0, length, _response, 0);
            }

            if (now % (RuntimeTiming.TelemetryPeriodMilliseconds * 1000L) == 0)
            {
                _runtime.BuildTelemetryFrame(_telemetry, 0);
            }

            if (now % (RuntimeTiming.ControlPeriodMilliseconds * 1000L) == 0)
            {
                Mark(bench, measured == MeasuredLoop.Control);
                _runtime.ControlStep();
                Mark(bench, measured == MeasuredLoop.Control);
            }

            Mark(bench, measured == MeasuredLoop.Supervisor);
            _runtime.SupervisorStep();
            Mark(bench, measured == MeasuredLoop.Supervisor);
        }

        private static void Mark(IBenchHost bench, bool measured)
        {
            if (measured)
            {
                bench.Mark();
            }
        }

        private ChamberRuntime NewRuntime()
        {
            DiagnosticsIdentity identity = new DiagnosticsIdentity();
            identity.Manufacturer = "Chamber Works";
            identity.Model = "NC-1";
            identity.FirmwareRevision = "diff";
            identity.SoftwareRevision = "differential";
            ChamberRuntime runtime = new ChamberRuntime(_board, _storage, new DeterministicNonceSource(17), _clock, identity);
            runtime.Boot();
            return runtime;
        }
    }
}
