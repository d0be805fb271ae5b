using ChamberFirmware.Core.Safety;
using nanoFramework.TestFramework;

namespace ChamberFirmware.Device.NanoClr.Safety
{
    /// <summary>The cut-path self-test before each arm, on the interpreter (host: SupervisorSelfTestTests).</summary>
    [TestClass]
    public class SupervisorSelfTestTests
    {
        [TestMethod]
        public void Idle_keeps_the_bank_unpowered_and_the_self_test_sees_it_down_powers_it_checks_the_read_back_and_arms()
        {
            SupervisorRig rig = new SupervisorRig().Warm();
            Assert.AreEqual(0, rig.KeepAliveToggles, "idle fed the keep-alive");
            Assert.IsFalse(rig.InterlockPowered);
            SupervisorAssert.Reasons(CutReasons.None, rig.Supervisor.BeginArm(100000, 200, 8, rig.Now));
            SupervisorAssert.Mode(SupervisorMode.SelfTest, rig.Supervisor.Mode);
            Assert.AreEqual((int)SelfTestPhase.InterlockDrop, (int)rig.Supervisor.SelfTestPhase);

            // The phase after each tick.
            SelfTestPhase[] phases = new SelfTestPhase[20];
            int phaseCount = 0;
            bool sawDown = false;
            int ticks = 0;
            for (int guard = 0; guard < 100 && rig.Supervisor.Mode == SupervisorMode.SelfTest; guard++)
            {
                sawDown |= !rig.InterlockPowered;
                Assert.AreEqual(0, rig.Step().EmitterMask, "an emitter on during the self-test");
                ticks++;
                Assert.IsTrue(ticks < 20);
                phases[phaseCount++] = rig.Supervisor.SelfTestPhase;
            }

            SupervisorAssert.Mode(SupervisorMode.Ready, rig.Supervisor.Mode);
            Assert.IsTrue(sawDown);
            Assert.IsTrue(rig.InterlockPowered);
            Assert.AreEqual(3, phaseCount, "phase sequence length");
            Assert.AreEqual((int)SelfTestPhase.InterlockRecover, (int)phases[0]);
            Assert.AreEqual((int)SelfTestPhase.EmittersOff, (int)phases[1]);
            Assert.AreEqual((int)SelfTestPhase.None, (int)phases[2]);
            Assert.IsTrue(ticks >= 3 && ticks <= 8, "self-test took " + ticks.ToString() + " ticks");
        }

        [TestMethod]
        public void Arming_right_after_a_disarm_waits_for_the_bank_to_drop_before_powering_it_again()
        {
            SupervisorRig rig = new SupervisorRig().Warm();
            rig.Arm();
            rig.Emit(0x1);
            Assert.IsTrue(rig.Supervisor.Disarm(rig.Now));
            rig.Steps(2);
            Assert.IsTrue(rig.InterlockPowered, "already dropped inside the hold time");
            SupervisorAssert.Reasons(CutReasons.None, rig.Supervisor.BeginArm(100000, 200, 8, rig.Now));

            int ticksSeenPowered = 0;
            while (rig.Supervisor.SelfTestPhase == SelfTestPhase.InterlockDrop)
            {
                SupervisorOutputs outputs = rig.Step();
                if (rig.Inputs.InterlockPowered)
                {
                    ticksSeenPowered++;
                    Assert.IsFalse(outputs.ToggleKeepAlive, "re-powered before it was seen down");
                }

                Assert.IsTrue(ticksSeenPowered < 10);
            }

            Assert.IsFalse(rig.Inputs.InterlockPowered);
            rig.Steps(5);
            SupervisorAssert.Mode(SupervisorMode.Ready, rig.Supervisor.Mode);
        }

        [TestMethod]
        public void A_keep_alive_that_keeps_the_bank_powered_fails_the_self_test_and_latches()
        {
            SupervisorRig rig = new SupervisorRig().Warm();
            rig.KeepAliveStuckPowered = true;
            SupervisorAssert.Reasons(CutReasons.None, rig.Supervisor.BeginArm(100000, 200, 8, rig.Now));
            long start = rig.Now;
            for (int guard = 0; guard < 100 && rig.Supervisor.Mode == SupervisorMode.SelfTest; guard++)
            {
                Assert.AreEqual(0, rig.Step().EmitterMask);
            }

            SupervisorAssert.Mode(SupervisorMode.SafeStop, rig.Supervisor.Mode);
            SupervisorAssert.Reasons(CutReasons.SelfTestFailed, rig.Supervisor.LatchedReasons);
            Assert.IsTrue(rig.Now - start <= SafetyTiming.SelfTestDropBudgetMicroseconds + (2 * SupervisorRig.Period), "failed only after " + (rig.Now - start).ToString() + " us");
            Assert.IsFalse(rig.Supervisor.RequestEmitters(1, 100, rig.Now));
        }

        [TestMethod]
        public void An_interlock_that_does_not_come_back_fails_the_self_test()
        {
            SupervisorRig rig = new SupervisorRig().Warm();
            SupervisorAssert.Reasons(CutReasons.None, rig.Supervisor.BeginArm(100000, 200, 8, rig.Now));
            for (int guard = 0; guard < 100 && rig.Supervisor.SelfTestPhase != SelfTestPhase.InterlockRecover; guard++)
            {
                rig.Step();
            }

            rig.InterlockNeverPowers = true;
            rig.Steps(10);
            SupervisorAssert.Mode(SupervisorMode.SafeStop, rig.Supervisor.Mode);
            SupervisorAssert.Reasons(CutReasons.SelfTestFailed, rig.Supervisor.LatchedReasons);
        }

        [TestMethod]
        public void An_emitter_stuck_on_while_idle_emits_nothing_and_the_self_test_cuts_it_one_tick_after_powering_the_bank()
        {
            SupervisorRig rig = new SupervisorRig().Warm();
            rig.StuckOnMask = 0x80;
            rig.Steps(50);
            SupervisorAssert.Mode(SupervisorMode.Idle, rig.Supervisor.Mode);
            Assert.IsFalse(rig.InterlockPowered);

            SupervisorAssert.Reasons(CutReasons.None, rig.Supervisor.BeginArm(100000, 200, 8, rig.Now));
            rig.Steps(3);
            SupervisorAssert.Mode(SupervisorMode.SafeStop, rig.Supervisor.Mode);
            Assert.IsTrue((rig.Supervisor.LatchedReasons & CutReasons.EmitterMismatch) != 0, SupervisorAssert.Reasons(rig.Supervisor.LatchedReasons));
            Assert.IsFalse(rig.Outputs.ToggleKeepAlive);
            rig.Steps(5);
            Assert.IsFalse(rig.InterlockPowered);
        }

        [TestMethod]
        public void A_bank_that_never_powers_fails_the_self_test_within_the_recover_budget()
        {
            SupervisorRig rig = new SupervisorRig();
            rig.InterlockNeverPowers = true;
            rig.Warm();
            SupervisorAssert.Reasons(CutReasons.None, rig.Supervisor.BeginArm(100000, 200, 8, rig.Now));
            long start = rig.Now;
            for (int guard = 0; guard < 100 && rig.Supervisor.Mode == SupervisorMode.SelfTest; guard++)
            {
                rig.Step();
            }

            SupervisorAssert.Mode(SupervisorMode.SafeStop, rig.Supervisor.Mode);
            SupervisorAssert.Reasons(CutReasons.SelfTestFailed, rig.Supervisor.LatchedReasons);
            Assert.IsTrue(rig.Now - start <= SafetyTiming.SelfTestRecoverBudgetMicroseconds + (2 * SupervisorRig.Period));
        }

        [TestMethod]
        public void A_count_already_at_the_profile_limit_refuses_the_arm()
        {
            SupervisorRig rig = new SupervisorRig().Warm(); // the count jitters between 1999 and 2000
            SupervisorAssert.Reasons(CutReasons.Overcount, rig.Supervisor.BeginArm(1999, 200, 8, rig.Now));
        }

        [TestMethod]
        public void A_condition_during_the_self_test_cuts_with_its_own_reason()
        {
            SupervisorRig rig = new SupervisorRig().Warm();
            rig.Supervisor.BeginArm(100000, 200, 8, rig.Now);
            rig.Heartbeats = false;
            rig.Supervisor.OnLinkDown(rig.Now);
            rig.Step();
            SupervisorAssert.Mode(SupervisorMode.SafeStop, rig.Supervisor.Mode);
            SupervisorAssert.Reasons(CutReasons.LinkLost, rig.Supervisor.LatchedReasons);
        }

        [TestMethod]
        public void A_second_arm_while_the_self_test_runs_is_refused()
        {
            SupervisorRig rig = new SupervisorRig().Warm();
            rig.Supervisor.BeginArm(100000, 200, 8, rig.Now);
            SupervisorAssert.Reasons(CutReasons.SelfTestFailed, rig.Supervisor.BeginArm(100000, 200, 8, rig.Now));
        }

        [TestMethod]
        public void Disarm_during_the_self_test_returns_to_idle_with_the_keep_alive_stopped()
        {
            SupervisorRig rig = new SupervisorRig().Warm();
            rig.Supervisor.BeginArm(100000, 200, 8, rig.Now);
            rig.Step();
            Assert.IsTrue(rig.Supervisor.Disarm(rig.Now));
            SupervisorAssert.Mode(SupervisorMode.Idle, rig.Supervisor.Mode);
            Assert.IsFalse(rig.Step().ToggleKeepAlive);
        }
    }
}
