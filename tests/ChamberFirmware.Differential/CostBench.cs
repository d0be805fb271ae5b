using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Hal.Sensors;
using ChamberFirmware.Hal.Simulated.Storage;

namespace ChamberFirmware.Differential
{
    /// <summary>
    /// What one call of each periodic or link operation costs, measured the same way on nanoCLR and
    /// on .NET: the firmware's own code on the minimal board (parts as cheap as the ESP32
    /// adapters), set up outside the measured sections. Operations run in this order; each measures
    /// what runs between its host's marks.
    /// </summary>
    public static class CostBench
    {
        public static readonly string[] Operations = { "handshake", "supervisor-tick", "supervisor-step", "control-step", "period", "heartbeat-verify", "status-frame", "config-commit" };

        /// <summary>Calls of each operation at <paramref name="scale"/> 1 ("period": 10 ms periods of every loop at its default rate).</summary>
        public static int Iterations(string operation, int scale)
        {
            switch (operation)
            {
                case "handshake": return 20 * scale;
                case "config-commit": return 50 * scale;
                case "control-step": return 100 * scale;
                case "heartbeat-verify":
                case "status-frame":
                case "supervisor-step":
                case "period":
                    return 200 * scale;
                default: return 500 * scale;
            }
        }

        /// <summary>
        /// Runs every operation. Returns null, or what went wrong with the set-up: the periodic
        /// operations must have run in an Active session with emitters on.
        /// </summary>
        public static string Run(IBenchHost host, int scale)
        {
            BenchRig rig = new BenchRig();
            Handshake(host, rig, Iterations("handshake", scale));
            SupervisorTick(host, Iterations("supervisor-tick", scale));

            rig.RunPeriods(50); // heartbeats from the console the handshakes left bound
            int armed = rig.Session.Arm(HardLimits.MaxDurationMilliseconds);
            rig.RunPeriods(50);
            int started = rig.Session.Start();
            rig.RunPeriods(200);

            // The supervisor's and the control loop's steps inside whole periods, so every loop
            // keeps checking in and the session stays Active with emitters on.
            int steps = Iterations("supervisor-step", scale);
            rig.RunPeriods(steps, host, MeasuredLoop.Supervisor);
            host.Report("supervisor-step", steps, steps);
            int controlSteps = Iterations("control-step", scale);
            rig.RunPeriods(2 * controlSteps, host, MeasuredLoop.Control);
            host.Report("control-step", controlSteps, controlSteps);

            // Every loop at its default rate: heartbeat 20 Hz, telemetry 10 Hz, control 50 Hz, supervisor 100 Hz.
            int periods = Iterations("period", scale);
            host.Mark();
            rig.RunPeriods(periods);
            host.Mark();
            host.Report("period", periods, 1);
            string setUp = rig.Session.Runtime.Controller.State == ChamberState.Active && rig.Board.EnabledMask != 0
                ? null
                : "the periodic operations did not run in an Active session with emitters on (arm result " + armed.ToString() + ", start result " + started.ToString()
                    + ", state " + ((int)rig.Session.Runtime.Controller.State).ToString() + ", enables " + rig.Board.EnabledMask.ToString() + ")";

            HeartbeatVerify(host, rig, Iterations("heartbeat-verify", scale));
            StatusFrame(host, rig, Iterations("status-frame", scale));
            ConfigCommit(host, Iterations("config-commit", scale));
            return setUp;
        }

        /// <summary>Hello, challenge checked by the console, SessionConfirm: both ends of a new session (Idle, so no takeover refusal).</summary>
        private static void Handshake(IBenchHost host, BenchRig rig, int iterations)
        {
            ScenarioConsole[] consoles = new ScenarioConsole[iterations];
            for (int i = 0; i < iterations; i++)
            {
                consoles[i] = new ScenarioConsole(rig.Session.Key, 1000 + i);
            }

            byte[] response = rig.Session.Response;
            host.Mark();
            for (int i = 0; i < iterations; i++)
            {
                rig.Clock.AdvanceMicroseconds(1_000_000);
                int length;
                byte[] hello = consoles[i].Hello(out length);
                int challengeLength = rig.Session.Runtime.HandleLinkFrame(hello, 0, length, response, 0);
                consoles[i].AcceptChallenge(response, challengeLength);
                byte[] confirm = consoles[i].Frame(LinkMessageType.SessionConfirm, response, 0, out length);
                rig.Session.Runtime.HandleLinkFrame(confirm, 0, length, response, 0);
            }

            host.Mark();
            host.Report("handshake", iterations, 1);
            rig.Session.UseConsole(consoles[iterations - 1]);
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

            host.Mark();
            host.Report("supervisor-tick", iterations, 1);
        }

        /// <summary>One authenticated heartbeat frame verified by the device (frames sealed beforehand, 50 ms apart).</summary>
        private static void HeartbeatVerify(IBenchHost host, BenchRig rig, int iterations)
        {
            byte[][] frames = new byte[iterations][];
            int[] lengths = new int[iterations];
            byte[] none = new byte[0];
            for (int i = 0; i < iterations; i++)
            {
                byte[] frame = rig.Session.Console.Frame(LinkMessageType.Heartbeat, none, 0, out lengths[i]);
                frames[i] = (byte[])frame.Clone();
            }

            byte[] response = rig.Session.Response;
            host.Mark();
            for (int i = 0; i < iterations; i++)
            {
                rig.Clock.AdvanceMicroseconds(50_000);
                rig.Session.Runtime.HandleLinkFrame(frames[i], 0, lengths[i], response, 0);
            }

            host.Mark();
            host.Report("heartbeat-verify", iterations, 1);
        }

        /// <summary>One telemetry (status) frame built and sealed for the console.</summary>
        private static void StatusFrame(IBenchHost host, BenchRig rig, int iterations)
        {
            byte[] buffer = new byte[LinkProtocol.MaxFrameSize];
            host.Mark();
            for (int i = 0; i < iterations; i++)
            {
                rig.Clock.AdvanceMicroseconds(100_000);
                rig.Session.Runtime.BuildTelemetryFrame(buffer, 0);
            }

            host.Mark();
            host.Report("status-frame", iterations, 1);
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
            for (int i = 0; i < iterations; i++)
            {
                store.Commit(record);
            }

            host.Mark();
            host.Report("config-commit", iterations, 1);
        }
    }
}
