using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Hal.Sensors;
using ChamberFirmware.Hal.Simulated.Storage;

namespace ChamberFirmware.Differential
{
    /// <summary>
    /// What one call of each periodic or link operation costs, measured the same way on nanoCLR and
    /// on .NET: the firmware's own code on the simulated board, set up outside the measured loop.
    /// Operations run in this order; each loop sits between two <see cref="IBenchHost.Mark"/> calls.
    /// </summary>
    public static class CostBench
    {
        public static readonly string[] Operations = { "handshake", "supervisor-tick", "supervisor-step", "control-step", "heartbeat-verify", "status-frame", "config-commit" };

        /// <summary>Iterations of each operation at <paramref name="scale"/> 1 (the CI guard's counts; the time bench uses more).</summary>
        public static int Iterations(string operation, int scale)
        {
            switch (operation)
            {
                case "handshake": return 20 * scale;
                case "config-commit": return 50 * scale;
                case "heartbeat-verify": return 200 * scale;
                default: return 500 * scale;
            }
        }

        public static void Run(IBenchHost host, int scale)
        {
            ScenarioDriver rig = ScenarioDriver.Connected(new NullTrace(), 24 * 3600 * 1000);
            Handshake(host, rig, Iterations("handshake", scale));
            SupervisorTick(host, Iterations("supervisor-tick", scale));

            rig.Arm();
            rig.RunTicks(50);
            rig.Start();
            rig.RunTicks(200);
            SupervisorStep(host, rig, Iterations("supervisor-step", scale));
            ControlStep(host, rig, Iterations("control-step", scale));
            HeartbeatVerify(host, rig, Iterations("heartbeat-verify", scale));
            StatusFrame(host, rig, Iterations("status-frame", scale));
            ConfigCommit(host, Iterations("config-commit", scale));
        }

        /// <summary>Hello, challenge checked by the console, SessionConfirm: both ends of a new session (Idle, so no takeover refusal).</summary>
        private static void Handshake(IBenchHost host, ScenarioDriver rig, int iterations)
        {
            ScenarioConsole[] consoles = new ScenarioConsole[iterations];
            for (int i = 0; i < iterations; i++)
            {
                consoles[i] = new ScenarioConsole(rig.Key, 1000 + i);
            }

            byte[] response = rig.Response;
            host.Mark();
            long start = host.NowTicks;
            for (int i = 0; i < iterations; i++)
            {
                rig.Clock.AdvanceMicroseconds(1_000_000);
                int length;
                byte[] hello = consoles[i].Hello(out length);
                int challengeLength = rig.Runtime.HandleLinkFrame(hello, 0, length, response, 0);
                consoles[i].AcceptChallenge(response, challengeLength);
                byte[] confirm = consoles[i].Frame(LinkMessageType.SessionConfirm, response, 0, out length);
                rig.Runtime.HandleLinkFrame(confirm, 0, length, response, 0);
            }

            long elapsed = host.NowTicks - start;
            host.Mark();
            host.Report("handshake", iterations, elapsed);
            rig.UseConsole(consoles[iterations - 1]);
        }

        /// <summary>The supervisor's decision alone, on fresh readings every 10 ms (Idle).</summary>
        private static void SupervisorTick(IBenchHost host, int iterations)
        {
            SafetySupervisor supervisor = new SafetySupervisor();
            SupervisorInputs inputs = new SupervisorInputs();
            inputs.CounterStatus = SensorReadStatus.Ok;
            inputs.TemperatureStatus = SensorReadStatus.Ok;
            inputs.Count = 2_000;
            inputs.TemperatureCentiCelsius = 3_600;
            long now = 0;
            host.Mark();
            long start = host.NowTicks;
            for (int i = 0; i < iterations; i++)
            {
                now += 10_000;
                inputs.CounterReadMicroseconds = now;
                inputs.TemperatureReadMicroseconds = now;
                inputs.CounterSequence = i & 0xFF;
                inputs.Count = 2_000 + (i & 7);
                inputs.TemperatureCentiCelsius = 3_600 + (i & 1);
                supervisor.Tick(inputs, now);
            }

            long elapsed = host.NowTicks - start;
            host.Mark();
            host.Report("supervisor-tick", iterations, elapsed);
        }

        /// <summary>The runtime's whole 10 ms supervisor period with a treatment Active (sensors, tick, outputs, diagnostics).</summary>
        private static void SupervisorStep(IBenchHost host, ScenarioDriver rig, int iterations)
        {
            host.Mark();
            long start = host.NowTicks;
            for (int i = 0; i < iterations; i++)
            {
                rig.Chamber.Advance(10_000);
                rig.Runtime.Supervisor.OnHeartbeat(rig.Clock.NowMicroseconds);
                rig.Runtime.SupervisorStep();
            }

            long elapsed = host.NowTicks - start;
            host.Mark();
            host.Report("supervisor-step", iterations, elapsed);
        }

        /// <summary>The 20 ms control period (closed loop, lease refresh).</summary>
        private static void ControlStep(IBenchHost host, ScenarioDriver rig, int iterations)
        {
            host.Mark();
            long start = host.NowTicks;
            for (int i = 0; i < iterations; i++)
            {
                rig.Clock.AdvanceMicroseconds(20_000);
                rig.Runtime.Supervisor.OnHeartbeat(rig.Clock.NowMicroseconds);
                rig.Runtime.ControlStep();
            }

            long elapsed = host.NowTicks - start;
            host.Mark();
            host.Report("control-step", iterations, elapsed);
            rig.RunTicks(5);
        }

        /// <summary>One authenticated heartbeat frame verified by the device (frames sealed beforehand, 50 ms apart).</summary>
        private static void HeartbeatVerify(IBenchHost host, ScenarioDriver rig, int iterations)
        {
            byte[][] frames = new byte[iterations][];
            int[] lengths = new int[iterations];
            byte[] none = new byte[0];
            for (int i = 0; i < iterations; i++)
            {
                byte[] frame = rig.Console.Frame(LinkMessageType.Heartbeat, none, 0, out lengths[i]);
                frames[i] = (byte[])frame.Clone();
            }

            byte[] response = rig.Response;
            host.Mark();
            long start = host.NowTicks;
            for (int i = 0; i < iterations; i++)
            {
                rig.Clock.AdvanceMicroseconds(50_000);
                rig.Runtime.HandleLinkFrame(frames[i], 0, lengths[i], response, 0);
            }

            long elapsed = host.NowTicks - start;
            host.Mark();
            host.Report("heartbeat-verify", iterations, elapsed);
        }

        /// <summary>One telemetry (status) frame built and sealed for the console.</summary>
        private static void StatusFrame(IBenchHost host, ScenarioDriver rig, int iterations)
        {
            byte[] buffer = new byte[LinkProtocol.MaxFrameSize];
            host.Mark();
            long start = host.NowTicks;
            for (int i = 0; i < iterations; i++)
            {
                rig.Clock.AdvanceMicroseconds(100_000);
                rig.Runtime.Supervisor.OnHeartbeat(rig.Clock.NowMicroseconds);
                rig.Runtime.BuildTelemetryFrame(buffer, 0);
            }

            long elapsed = host.NowTicks - start;
            host.Mark();
            host.Report("status-frame", iterations, elapsed);
        }

        /// <summary>An A/B configuration commit (encode, CRC, write, read back) to storage.</summary>
        private static void ConfigCommit(IBenchHost host, int iterations)
        {
            ConfigStore store = new ConfigStore(new SimulatedNonVolatileStorage(2, ConfigRecordCodec.MaxEncodedLength));
            store.Load();
            ConfigRecord record = new ConfigRecord();
            record.SerialNumber = "CH-BENCH";
            record.HardwareRevision = "B2";
            byte[] key = new byte[ConfigRecord.LinkKeyLength];
            record.SetLinkKey(key, 0);
            host.Mark();
            long start = host.NowTicks;
            for (int i = 0; i < iterations; i++)
            {
                store.Commit(record);
            }

            long elapsed = host.NowTicks - start;
            host.Mark();
            host.Report("config-commit", iterations, elapsed);
        }
    }
}
