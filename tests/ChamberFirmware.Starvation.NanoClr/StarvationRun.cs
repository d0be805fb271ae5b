using System;
using System.Threading;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Runtime;
using ChamberFirmware.Differential;
using ChamberFirmware.Hal.Simulated;
using ChamberFirmware.Hal.Simulated.Storage;

namespace ChamberFirmware.Starvation
{
    /// <summary>
    /// The whole run: a provisioned, bound chamber on the simulated board with nanoCLR's real clock;
    /// each operation's x86 cost probed alone; then the app's threads (ChamberLoops: supervisor
    /// Highest, control AboveNormal, link Normal with the real LinkPump) with every step stretched
    /// to its ESP32 time, and the console stand-in driving the link at its maximum accepted rate.
    /// Last, the negative control: the same load plus a planted long critical section on the link
    /// thread. Prints one line per supervisor tick ("tick,START,HOST,MODE,BEFORE,LASTLINKCHUNK") and
    /// the summary the host test reads (tests/ChamberFirmware.Starvation.Tests).
    /// </summary>
    public sealed class StarvationRun
    {
        private const int MaxTicks = 2048;

        /// <summary>The last phase, with the planted critical section (the negative control).</summary>
        private const long PlantedPhaseMicroseconds = 1_500_000;

        private readonly StallDetector _stalls = new StallDetector();
        private readonly RealTimeClock _clock;
        private readonly ManualClock _boardClock = new ManualClock(0);
        private readonly SimulatedNonVolatileStorage _storage = new SimulatedNonVolatileStorage(2, ConfigRecordCodec.MaxEncodedLength);
        private readonly byte[] _key = new byte[LinkProtocol.DeviceKeySize];
        private readonly byte[] _response = new byte[LinkProtocol.MaxFrameSize];
        private readonly byte[] _telemetry = new byte[LinkProtocol.MaxFrameSize];
        private readonly byte[] _payload = new byte[LinkProtocol.MaxPayloadSize];
        private SimulatedChamber _chamber;
        private MeteredBoard _board;
        private ChamberRuntime _runtime;
        private EspTimeScale _scale;
        private ScenarioConsole _console;
        private ChunkRecorder _recorder;
        private int _consoleSeed = 100;
        private long _supervisorCap;
        private long _controlCap;
        private long _linkChunkCap;
        private SupervisorTicks _ticks;
        private DilatingScheduler _linkScheduler;
        private ConsoleStandIn _standIn;
        private ConsoleMailbox _mailbox;
        private LinkInbox _inbox;
        private BoardMeter _meter;
        private StretchedLinkWork _linkWork;
        private CheckInGaps _controlCheckIns;
        private CheckInGaps _linkCheckIns;
        private long _standInOrigin;
        private long _plantedFrom;
        private int _acceptedAtStart;

        // The scenario's outcome, noted before the planted phase.
        private int _endState;
        private int _endMode;
        private int _endLatched;
        private long _longestHostGap;
        private int _scenarioAccepted;
        private long _supervisorFirmware;
        private long _supervisorNative;

        public StarvationRun()
        {
            _clock = new RealTimeClock(_stalls);
        }

        /// <summary>Provisions and binds the chamber, calibrates the stretch and probes each operation's cost alone.</summary>
        public void Prepare()
        {
            for (int i = 0; i < _key.Length; i++)
            {
                _key[i] = (byte)(0x5A ^ (i * 13));
            }

            _chamber = new SimulatedChamber(1, _boardClock);
            _meter = new BoardMeter(_clock);
            _meter.Calibrate(new ChamberFirmware.Hal.Simulated.Minimal.MinimalInputPin(), 2000);
            _board = new MeteredBoard(_chamber, _meter);
            ChamberRuntime factory = NewRuntime();
            ProvisioningService provisioning = factory.Provisioning;
            provisioning.Begin();
            provisioning.StageIdentity("CH-STARVE", "B2");
            provisioning.StageLinkKey(_key, 0, _key.Length);
            provisioning.StageSettings(new ChamberSettings(), out SettingsField _);
            provisioning.Commit();
            _runtime = NewRuntime();

            _scale = new EspTimeScale(_clock);
            Handshake(out long _, out long _, out long _, out long _, out long _);
            CostProbe probe = new CostProbe(this);
            probe.Run();
        }

        /// <summary>The app's threads and the link at its maximum rate, for ConsoleStandIn.RunMicroseconds.</summary>
        public void Execute()
        {
            HarnessSleeper sleeper = new HarnessSleeper(_clock);
            _inbox = new LinkInbox(LinkPump.InboxCapacity);
            _mailbox = new ConsoleMailbox();
            _linkScheduler = new DilatingScheduler(_clock, _scale, _linkChunkCap);
            LinkPump pump = new LinkPump(_runtime, _inbox, _mailbox, _linkScheduler);
            _ticks = new SupervisorTicks(_runtime, _chamber, _boardClock, _meter, _clock, _scale, _supervisorCap, MaxTicks);
            _controlCheckIns = new CheckInGaps(_clock);
            _linkCheckIns = new CheckInGaps(_clock);
            _linkWork = new StretchedLinkWork(pump, _linkScheduler, _scale, _meter.Bus, _linkCheckIns);
            ChamberLoops loops = new ChamberLoops(_clock, sleeper, _ticks,
                new StretchedWork(new ControlWork(_runtime), _clock, _scale, _controlCap, Activity.Control, _controlCheckIns),
                _linkWork);
            _standIn = new ConsoleStandIn(_runtime, _inbox, _mailbox, _clock, sleeper, _console, _key);
            Thread standIn = new Thread(RunStandIn);

            // The BLE stack's callback runs on nanoCLR's interrupt thread (System_Highest, which managed
            // code cannot set): Highest is the nearest a managed thread gets.
            standIn.Priority = ThreadPriority.Highest;
            _acceptedAtStart = _runtime.Link.AcceptedFrameCount;
            long origin = _clock.NowMicroseconds;
            _stalls.RestartLongest();
            _ticks.SetOrigin(origin);
            _standInOrigin = origin;
            loops.Start();
            standIn.Start();
            standIn.Join();
            loops.Stop();
        }

        private void RunStandIn()
        {
            long plantAt = _standInOrigin + ConsoleStandIn.RunMicroseconds;
            _standIn.Run(_standInOrigin, plantAt);

            // The scenario's end, as the supervisor judged it before the planted phase.
            _endState = (int)_runtime.Controller.State;
            _endMode = (int)_runtime.Supervisor.Mode;
            _endLatched = (int)_runtime.Supervisor.LatchedReasons;
            _controlCheckIns.Stop();
            _linkCheckIns.Stop();
            _longestHostGap = _stalls.LongestHostMicroseconds;
            _scenarioAccepted = _runtime.Link.AcceptedFrameCount - _acceptedAtStart;
            _supervisorFirmware = _ticks.MeanStepMicroseconds;
            _supervisorNative = _ticks.MeanNativeMicroseconds;
            _plantedFrom = _clock.NowMicroseconds - _standInOrigin;
            _linkWork.Plant = true;
            _standIn.Run(_standInOrigin, plantAt + PlantedPhaseMicroseconds);
        }

        public void Report()
        {
            for (int i = 0; i < _ticks.Count; i++)
            {
                Console.WriteLine("tick," + _ticks.StartedAt(i).ToString() + "," + _ticks.Host(i).ToString() + "," + _ticks.Mode(i).ToString() + "," + _ticks.Before(i).ToString() + "," + _ticks.LinkChunk(i).ToString());
            }

            Console.WriteLine("link,posted=" + _standIn.Posted.ToString()
                + ",heartbeats=" + _standIn.Heartbeats.ToString()
                + ",statuses=" + _standIn.Statuses.ToString()
                + ",handshakes=" + _standIn.Handshakes.ToString()
                + ",rebound=" + _standIn.HandshakesRebound.ToString()
                + ",refused-active=" + _standIn.HandshakesRefusedActive.ToString()
                + ",provisioning-steps=" + _standIn.ProvisioningSteps.ToString()
                + ",commit=" + _standIn.CommitResult.ToString()
                + ",arm=" + _standIn.ArmResult.ToString()
                + ",start=" + _standIn.StartResult.ToString()
                + ",active-from=" + _standIn.ActiveFromMicroseconds.ToString()
                + ",unexpected=" + _standIn.Unexpected.ToString()
                + ",first-unexpected=" + _standIn.FirstUnexpected
                + ",scenario-accepted=" + _scenarioAccepted.ToString()
                + ",max-frames-per-second=" + LinkPump.MaxFramesPerSecond.ToString()
                + ",sent=" + _mailbox.Sent.ToString());
            Console.WriteLine("stretch,link-chunks=" + _linkScheduler.Chunks.ToString()
                + ",link-longest-chunk=" + _linkScheduler.LongestChunk.ToString()
                + ",link-longest-chunk-esp32=" + _scale.ToEsp32Microseconds(_linkScheduler.LongestChunk).ToString()
                + ",link-capped=" + _linkScheduler.CappedChunks.ToString()
                + ",supervisor-capped=" + _ticks.Capped.ToString()
                + ",capped=" + _scale.Capped.ToString());
            Console.WriteLine("host,us=" + _stalls.HostMicroseconds.ToString());
            Console.WriteLine("supervisor,firmware-x86-mean=" + _supervisorFirmware.ToString()
                + ",esp32-mean=" + (_scale.ToEsp32Microseconds(_supervisorFirmware) + _supervisorNative).ToString()
                + ",native-mean=" + _supervisorNative.ToString());
            Console.WriteLine("end,state=" + _endState.ToString()
                + ",mode=" + _endMode.ToString()
                + ",latched=" + _endLatched.ToString()
                + ",longest-host-gap=" + _longestHostGap.ToString()
                + ",control-check-in-gap=" + _controlCheckIns.Longest.ToString()
                + ",link-check-in-gap=" + _linkCheckIns.Longest.ToString()
                + ",link-check-in-gap-ended=" + (_linkCheckIns.LongestEndedAt - _standInOrigin).ToString()
                + ",control-check-in-gap-ended=" + (_controlCheckIns.LongestEndedAt - _standInOrigin).ToString()
                + ",planted-from=" + _plantedFrom.ToString()
                + ",planted-sections=" + _linkWork.PlantedSections.ToString()
                + ",planted-latched=" + ((int)_runtime.Supervisor.LatchedReasons).ToString());
        }

        // ---- what CostProbe uses ----

        internal RealTimeClock Clock => _clock;

        internal EspTimeScale Scale => _scale;

        internal BoardMeter Meter => _meter;

        internal ChamberRuntime Runtime => _runtime;

        internal byte[] Key => _key;

        /// <summary>From now on the probe's calls record their longest chunk between two yields.</summary>
        internal void RecordChunks()
        {
            _recorder = new ChunkRecorder(_clock);
            _runtime.Link.AttachScheduler(_recorder);
            _runtime.Config.AttachScheduler(_recorder);
        }

        internal void SetCaps(long supervisor, long control, long linkChunk)
        {
            _supervisorCap = supervisor;
            _controlCap = control;
            _linkChunkCap = linkChunk;
            Console.WriteLine("caps,supervisor=" + supervisor.ToString() + ",control=" + control.ToString() + ",link-chunk=" + linkChunk.ToString());
        }

        /// <summary>Moves the simulated board to now (its own simulation: not part of any measured step).</summary>
        internal void SyncBoard()
        {
            long lag = _clock.NowMicroseconds - _boardClock.NowMicroseconds;
            if (lag > 0)
            {
                _chamber.Advance(lag);
            }
        }

        /// <summary>One bound-session command; returns its x86 time and its longest chunk.</summary>
        internal long Command(LinkMessageType type, int payloadLength, out long longestChunk)
        {
            int length;
            byte[] frame = _console.Frame(type, _payload, payloadLength, out length);
            return Send(frame, length, out longestChunk);
        }

        internal byte[] Payload => _payload;

        /// <summary>A new console's Hello and SessionConfirm (Idle: it binds); x86 times of each device call and of the whole exchange, both ends.</summary>
        internal void Handshake(out long hello, out long confirm, out long bothEnds, out long helloChunk, out long confirmChunk)
        {
            long start = _clock.NowMicroseconds;
            ScenarioConsole next = new ScenarioConsole(_key, _consoleSeed++);
            int length;
            byte[] frame = next.Hello(out length);
            hello = Send(frame, length, out helloChunk);
            next.AcceptChallenge(_response, LastResponseLength);
            frame = next.Frame(LinkMessageType.SessionConfirm, _payload, 0, out length);
            confirm = Send(frame, length, out confirmChunk);
            if (next.OpenResult(_response, LastResponseLength) == (int)CommandResult.Ok)
            {
                _console = next;
            }

            bothEnds = _clock.NowMicroseconds - start;
        }

        internal long Telemetry(out long longestChunk)
        {
            ChunkRecorder recorder = _recorder;
            if (recorder != null)
            {
                recorder.Begin();
            }

            long start = _clock.NowMicroseconds;
            _runtime.BuildTelemetryFrame(_telemetry, 0);
            long elapsed = _clock.NowMicroseconds - start;
            longestChunk = recorder != null ? recorder.End() : elapsed;
            return elapsed;
        }

        internal int LastResponseLength;

        private long Send(byte[] frame, int length, out long longestChunk)
        {
            ChunkRecorder recorder = _recorder;
            if (recorder != null)
            {
                recorder.Begin();
            }

            long start = _clock.NowMicroseconds;
            LastResponseLength = _runtime.HandleLinkFrame(frame, 0, length, _response, 0);
            long elapsed = _clock.NowMicroseconds - start;
            longestChunk = recorder != null ? recorder.End() : elapsed;
            return elapsed;
        }

        private ChamberRuntime NewRuntime()
        {
            DiagnosticsIdentity identity = new DiagnosticsIdentity();
            identity.Manufacturer = "Chamber Works";
            identity.Model = "NC-1";
            identity.FirmwareRevision = "starve";
            identity.SoftwareRevision = "starvation";
            ChamberRuntime runtime = new ChamberRuntime(_board, _storage, new DeterministicNonceSource(17), _clock, identity);
            runtime.Boot();
            return runtime;
        }
    }
}
