using ChamberFirmware.Core.Safety;
using nanoFramework.TestFramework;

namespace ChamberFirmware.Device.NanoClr.Safety
{
    /// <summary>Emitter leases on the interpreter (host: SupervisorCutTests): a lease runs out by itself, and bad requests are refused.</summary>
    [TestClass]
    public class SupervisorLeaseTests
    {
        [TestMethod]
        public void An_unrefreshed_lease_lets_the_channel_go_off_by_itself_without_a_cut()
        {
            SupervisorRig rig = SupervisorCutTests.ActiveRig();
            long leaseStart = rig.Now;
            Assert.IsTrue(rig.Supervisor.RequestEmitters(0x5, 50, rig.Now));
            int onTicks = 0;
            while (rig.Now + SupervisorRig.Period < leaseStart + 50000)
            {
                Assert.AreEqual(0x5, rig.Step().EmitterMask, "off before the lease ran out");
                onTicks++;
            }

            Assert.AreEqual(4, onTicks);
            Assert.AreEqual(0, rig.Step().EmitterMask, "still on after the lease ran out");
            SupervisorAssert.Mode(SupervisorMode.Ready, rig.Supervisor.Mode);
            SupervisorAssert.Reasons(CutReasons.None, rig.Supervisor.LatchedReasons);
        }

        [TestMethod]
        public void A_refreshed_lease_keeps_the_channel_on()
        {
            SupervisorRig rig = SupervisorCutTests.ActiveRig();
            for (int i = 0; i < 100; i++)
            {
                Assert.IsTrue(rig.Supervisor.RequestEmitters(0x5, 50, rig.Now));
                Assert.AreEqual(0x5, rig.Step().EmitterMask);
            }
        }

        [TestMethod]
        public void Lease_requests_are_refused_outside_ready_outside_the_bank_above_max_channels_or_too_long()
        {
            SupervisorRig rig = new SupervisorRig().Warm();
            Assert.IsFalse(rig.Supervisor.RequestEmitters(1, 100, rig.Now), "accepted while idle");
            rig.Supervisor.BeginArm(100000, 200, 2, rig.Now);
            Assert.IsFalse(rig.Supervisor.RequestEmitters(1, 100, rig.Now), "accepted during the self-test");
            for (int guard = 0; guard < 100 && rig.Supervisor.Mode == SupervisorMode.SelfTest; guard++)
            {
                rig.Step();
            }

            SupervisorAssert.Mode(SupervisorMode.Ready, rig.Supervisor.Mode);
            Assert.IsFalse(rig.Supervisor.RequestEmitters(1 << HardLimits.EmitterChannels, 100, rig.Now), "channel outside the bank");
            Assert.IsFalse(rig.Supervisor.RequestEmitters(0x7, 100, rig.Now), "3 channels above MaxActiveChannels 2");
            Assert.IsFalse(rig.Supervisor.RequestEmitters(1, 0, rig.Now), "zero lease");
            Assert.IsFalse(rig.Supervisor.RequestEmitters(1, SafetyTiming.MaxLeaseMilliseconds + 1, rig.Now), "lease too long");
            Assert.IsTrue(rig.Supervisor.RequestEmitters(0x3, SafetyTiming.MaxLeaseMilliseconds, rig.Now));
        }
    }
}
