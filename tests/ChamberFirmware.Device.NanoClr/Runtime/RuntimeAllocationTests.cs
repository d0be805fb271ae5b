using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Differential;
using nanoFramework.TestFramework;

namespace ChamberFirmware.Device.NanoClr.Runtime
{
    /// <summary>
    /// The periodic paths allocate nothing on the interpreter itself (host: RuntimeAllocationTests
    /// count bytes on .NET). nanoCLR keeps value-type locals and return values on its heap, so
    /// "allocation-free" on .NET does not carry over by itself. Measured as the free managed memory
    /// after collections (GC.Run(false); Run(true) crashes this nanoCLR build), before and after,
    /// around whole periods of every loop: supervisor and control steps, heartbeats, telemetry.
    /// </summary>
    [TestClass]
    public class RuntimeAllocationTests
    {
        [TestMethod]
        public void Two_thousand_periods_of_an_active_session_leave_the_free_memory_exactly_as_it_was()
        {
            BenchRig rig = ActiveSession();
            rig.RunPeriods(300); // warm-up: every path taken once, the interpreter's caches filled

            uint before = SettledFreeMemory();
            rig.RunPeriods(2000); // 2,000 supervisor steps, 1,000 control steps, 400 heartbeats, 200 telemetry frames
            uint after = SettledFreeMemory();

            OutputHelper.WriteLine("free managed memory before " + before.ToString() + " bytes, after " + after.ToString());
            Assert.AreEqual(before, after, "bytes allocated over 2,000 periods: " + ((int)before - (int)after).ToString());
            Assert.IsTrue(rig.Session.Runtime.Controller.State == ChamberState.Active && rig.Board.EnabledMask != 0, "the session left Active");
        }

        [TestMethod]
        public void The_measurement_sees_one_small_array_kept()
        {
            BenchRig rig = ActiveSession();
            rig.RunPeriods(300);

            uint before = SettledFreeMemory();
            byte[] kept = new byte[4];
            uint after = SettledFreeMemory();
            OutputHelper.WriteLine("free managed memory before " + before.ToString() + " bytes, after a 4-byte array " + after.ToString());

            Assert.IsTrue(after < before, "a 4-byte array still referenced did not show (before " + before.ToString() + ", after " + after.ToString() + ")");
            Assert.AreEqual(4, kept.Length);
        }

        private static BenchRig ActiveSession()
        {
            BenchRig rig = new BenchRig();
            Assert.AreEqual(0, rig.Session.Arm(HardLimits.MaxDurationMilliseconds), "arm refused");
            rig.RunPeriods(50);
            Assert.AreEqual(0, rig.Session.Start(), "start refused");
            return rig;
        }

        /// <summary>
        /// Free managed memory once collections agree: the first collection after work still
        /// returns blocks the interpreter held for itself (seen here: 5 KB), the next ones do not.
        /// </summary>
        private static uint SettledFreeMemory()
        {
            uint previous = nanoFramework.Runtime.Native.GC.Run(false);
            for (int i = 0; i < 5; i++)
            {
                uint free = nanoFramework.Runtime.Native.GC.Run(false);
                if (free == previous)
                {
                    return free;
                }

                previous = free;
            }

            Assert.IsTrue(false, "the free memory did not settle over six collections");
            return previous;
        }
    }
}
