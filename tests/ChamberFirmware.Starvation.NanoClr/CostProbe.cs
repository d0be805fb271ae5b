using System;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Hal.Simulated.Storage;

namespace ChamberFirmware.Starvation
{
    /// <summary>
    /// Each operation alone (one thread, before the run), the fastest of several calls: its x86 time,
    /// and its longest stretch of work between two yields of the link server. Anchors the stretch
    /// factor to docs/safety.md (EspTimeScale) and sets the caps. Prints "cost,OPERATION,x86 µs,
    /// ESP32 µs,longest chunk x86 µs,longest chunk ESP32 µs".
    /// </summary>
    public sealed class CostProbe
    {
        private const int Calls = 20;

        private readonly StarvationRun _run;
        private long _bestTotal;
        private long _bestChunk;

        public CostProbe(StarvationRun run)
        {
            _run = run;
        }

        public void Run()
        {
            EspTimeScale scale = _run.Scale;

            // The anchor (heartbeat verify, status frame) and, for the record, the table's other two rows, measured as CostBench measures them.
            long handshake = long.MaxValue;
            long hello = long.MaxValue;
            long confirm = long.MaxValue;
            for (int i = 0; i < 5; i++)
            {
                _run.Handshake(out long h, out long c, out long both, out long hc, out long cc);
                handshake = Min(handshake, both);
            }

            long heartbeat = Best(LinkMessageType.Heartbeat, 0);
            long status = BestTelemetry();
            long storeCommit = StoreCommit();
            scale.Anchor(heartbeat + status);
            Console.WriteLine("calibration,heartbeat=" + heartbeat.ToString() + ",status=" + status.ToString()
                + ",handshake-both-ends=" + handshake.ToString() + ",store-commit=" + storeCommit.ToString()
                + ",factor-permille=" + scale.FactorPermille.ToString());

            // Every operation of the run, with the link server's yields recorded.
            _run.RecordChunks();
            long supervisor = BestSupervisorStep(out long native);
            Console.WriteLine("cost,supervisor-step," + supervisor.ToString() + "," + (scale.ToEsp32Microseconds(supervisor) + native).ToString()
                + "," + supervisor.ToString() + "," + scale.ToEsp32Microseconds(supervisor).ToString() + ",native=" + native.ToString());
            long control = BestControlStep();
            Print("control-step", control, control);
            Print("heartbeat", Best(LinkMessageType.Heartbeat, 0), _bestChunk);
            Print("get-status", Best(LinkMessageType.GetStatus, 0), _bestChunk);
            Print("telemetry", BestTelemetry(), _bestChunk);
            long helloChunk = long.MaxValue;
            long confirmChunk = long.MaxValue;
            for (int i = 0; i < 5; i++)
            {
                _run.Handshake(out long h, out long c, out long both, out long hc, out long cc);
                hello = Min(hello, h);
                confirm = Min(confirm, c);
                helloChunk = Min(helloChunk, hc);
                confirmChunk = Min(confirmChunk, cc);
            }

            Print("hello", hello, helloChunk);
            Print("confirm", confirm, confirmChunk);
            long commit = long.MaxValue;
            long commitChunk = long.MaxValue;
            for (int i = 0; i < 3; i++)
            {
                _run.Command(LinkMessageType.ProvisionBegin, 0, out long c0);
                byte[] identity = { 9, (byte)'C', (byte)'H', (byte)'-', (byte)'S', (byte)'T', (byte)'A', (byte)'R', (byte)'V', (byte)'E', 2, (byte)'B', (byte)'2' };
                Array.Copy(identity, _run.Payload, identity.Length);
                _run.Command(LinkMessageType.ProvisionIdentity, identity.Length, out long c1);
                Array.Copy(_run.Key, _run.Payload, _run.Key.Length);
                _run.Command(LinkMessageType.ProvisionLinkKey, _run.Key.Length, out long c2);
                LinkPayloads.WriteSettings(new ChamberSettings(), _run.Payload, 0);
                _run.Command(LinkMessageType.ProvisionSettings, LinkPayloads.SettingsSize, out long c3);
                long x86 = _run.Command(LinkMessageType.ProvisionCommit, 0, out long chunk);
                commit = Min(commit, x86);
                commitChunk = Min(commitChunk, chunk);
            }

            Print("provision-commit", commit, commitChunk);

            long gc = long.MaxValue;
            uint free = 0;
            for (int i = 0; i < 3; i++)
            {
                long start = _run.Clock.NowMicroseconds;
                free = nanoFramework.Runtime.Native.GC.Run(false);
                gc = Min(gc, _run.Clock.NowMicroseconds - start);
            }

            Console.WriteLine("gc,x86=" + gc.ToString() + ",free=" + free.ToString());
            // Caps only catch a measurement that a quantum or the OS spoiled: a treatment's steps cost
            // more than these Idle minima (leases, the closed loop), so their margins are wide. A
            // link chunk is at most one SHA-256 compression and its frame's bookkeeping whatever the
            // frame: one measured longer lost the CPU inside it, so it counts at most 1.5 × the
            // longest chunk seen alone.
            long longestChunk = Max(commitChunk, Max(helloChunk, Max(confirmChunk, _bestChunk)));
            _run.SetCaps(Max(6 * supervisor, 300), Max(10 * control, 200), Max(3 * longestChunk / 2, 100));
        }

        private static long Min(long a, long b) => a < b ? a : b;

        private static long Max(long a, long b) => a > b ? a : b;

        private void Print(string operation, long x86, long chunk)
        {
            EspTimeScale scale = _run.Scale;
            Console.WriteLine("cost," + operation + "," + x86.ToString() + "," + scale.ToEsp32Microseconds(x86).ToString()
                + "," + chunk.ToString() + "," + scale.ToEsp32Microseconds(chunk).ToString());
        }

        private long Best(LinkMessageType type, int payloadLength)
        {
            _bestTotal = long.MaxValue;
            _bestChunk = long.MaxValue;
            for (int i = 0; i < Calls; i++)
            {
                long x86 = _run.Command(type, payloadLength, out long chunk);
                _bestTotal = Min(_bestTotal, x86);
                _bestChunk = Min(_bestChunk, chunk);
            }

            return _bestTotal;
        }

        private long BestTelemetry()
        {
            long best = long.MaxValue;
            _bestChunk = long.MaxValue;
            for (int i = 0; i < Calls; i++)
            {
                best = Min(best, _run.Telemetry(out long chunk));
                _bestChunk = Min(_bestChunk, chunk);
            }

            return best;
        }

        /// <summary>The step's firmware code alone (the simulated board's time taken out); <paramref name="native"/>: the board calls' ESP32 time, mean over 50 steps.</summary>
        private long BestSupervisorStep(out long native)
        {
            long best = long.MaxValue;
            BoardMeter meter = _run.Meter;
            long nativeStart = meter.NativeMicroseconds;
            for (int i = 0; i < 50; i++)
            {
                _run.SyncBoard();
                long simulated = meter.SimulatedMicroseconds;
                long start = _run.Clock.NowMicroseconds;
                _run.Runtime.SupervisorStep();
                best = Min(best, _run.Clock.NowMicroseconds - start - (meter.SimulatedMicroseconds - simulated));
            }

            native = (meter.NativeMicroseconds - nativeStart) / 50;
            return best;
        }

        private long BestControlStep()
        {
            long best = long.MaxValue;
            for (int i = 0; i < Calls; i++)
            {
                long start = _run.Clock.NowMicroseconds;
                _run.Runtime.ControlStep();
                best = Min(best, _run.Clock.NowMicroseconds - start);
            }

            return best;
        }

        /// <summary>A configuration commit alone (encode, CRC, write, read back), as CostBench's "config-commit".</summary>
        private long StoreCommit()
        {
            ConfigStore store = new ConfigStore(new SimulatedNonVolatileStorage(2, ConfigRecordCodec.MaxEncodedLength));
            store.Load();
            ConfigRecord record = new ConfigRecord();
            record.SerialNumber = "CH-BENCH";
            record.HardwareRevision = "B2";
            record.SetLinkKey(_run.Key, 0);
            long best = long.MaxValue;
            for (int i = 0; i < 10; i++)
            {
                long start = _run.Clock.NowMicroseconds;
                store.Commit(record);
                best = Min(best, _run.Clock.NowMicroseconds - start);
            }

            return best;
        }
    }
}
