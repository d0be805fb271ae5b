using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Hal.Sensors;
using nanoFramework.TestFramework;

namespace ChamberFirmware.Device.NanoClr.Safety
{
    /// <summary>Re-arm rules on the interpreter (host: SupervisorRearmTests): a clear is accepted only when every condition is clear with hysteresis.</summary>
    [TestClass]
    public class SupervisorRearmTests
    {
        [TestMethod]
        public void A_clear_is_accepted_once_every_condition_is_clear_and_returns_to_idle()
        {
            SupervisorRig rig = CutRig();
            rig.Steps(10);
            CutReasons still;
            Assert.IsTrue(rig.Supervisor.TryClear(rig.Now, out still));
            SupervisorAssert.Reasons(CutReasons.None, still);
            SupervisorAssert.Mode(SupervisorMode.Idle, rig.Supervisor.Mode);
            SupervisorAssert.Reasons(CutReasons.None, rig.Supervisor.LatchedReasons);
            Assert.IsFalse(rig.Supervisor.RequestEmitters(1, 100, rig.Now), "a clear re-armed");
            Assert.IsFalse(rig.Step().ToggleKeepAlive, "a clear powered the bank");
        }

        [TestMethod]
        public void A_clear_when_nothing_is_latched_is_refused()
        {
            SupervisorRig rig = new SupervisorRig().Warm();
            CutReasons still;
            Assert.IsFalse(rig.Supervisor.TryClear(rig.Now, out still));
            SupervisorAssert.Reasons(CutReasons.None, still);
        }

        [TestMethod]
        public void A_clear_is_refused_while_the_count_is_above_the_rearm_fraction_of_the_limit()
        {
            SupervisorRig rig = CutRig(new ChamberSettings(), 3998); // rearm below 500 ‰ × 3998 = 1999
            rig.Steps(10);
            CutReasons still;
            Assert.IsFalse(rig.Supervisor.TryClear(rig.Now, out still));
            SupervisorAssert.Reasons(CutReasons.Overcount, still);
            rig.Count = 1997;
            rig.Steps(20);
            Assert.IsTrue(rig.Supervisor.TryClear(rig.Now, out still), SupervisorAssert.Reasons(still));
        }

        [TestMethod]
        public void The_rearm_fraction_follows_the_settings()
        {
            ChamberSettings settings = new ChamberSettings();
            settings.RearmCountPermille = 600;
            SupervisorRig rig = CutRig(settings, 4000); // below 2400
            rig.Steps(10);
            CutReasons still;
            Assert.IsTrue(rig.Supervisor.TryClear(rig.Now, out still), SupervisorAssert.Reasons(still));
        }

        [TestMethod]
        public void A_clear_needs_the_configured_number_of_consecutive_heartbeats()
        {
            ChamberSettings settings = new ChamberSettings();
            settings.RearmHeartbeats = 5;
            SupervisorRig rig = CutRig(settings, 100000);
            rig.Heartbeats = false;
            rig.Steps(30); // link lost
            rig.Heartbeats = true;
            CutReasons still;
            for (int beat = 1; beat <= 4; beat++)
            {
                rig.Steps(5); // one heartbeat per 50 ms
                Assert.IsFalse(rig.Supervisor.TryClear(rig.Now, out still), "cleared after " + beat.ToString() + " heartbeats");
                SupervisorAssert.Reasons(CutReasons.LinkLost, still);
            }

            rig.Steps(5);
            Assert.IsTrue(rig.Supervisor.TryClear(rig.Now, out still), SupervisorAssert.Reasons(still));
        }

        [TestMethod]
        public void A_disconnect_restarts_the_heartbeat_count()
        {
            SupervisorRig rig = CutRig();
            rig.Steps(30);
            rig.Supervisor.OnLinkDown(rig.Now);
            rig.Step();
            CutReasons still;
            Assert.IsFalse(rig.Supervisor.TryClear(rig.Now, out still));
            SupervisorAssert.Reasons(CutReasons.LinkLost, still);
        }

        [TestMethod]
        public void A_clear_needs_several_fresh_good_samples_after_a_sensor_fault()
        {
            SupervisorRig rig = CutRig();
            rig.CounterStatus = SensorReadStatus.CrcMismatch;
            rig.Steps(3);
            rig.CounterStatus = SensorReadStatus.Ok;
            CutReasons still;
            for (int sample = 1; sample < SafetyTiming.RearmSensorSamples; sample++)
            {
                rig.Step();
                Assert.IsFalse(rig.Supervisor.TryClear(rig.Now, out still), "cleared after " + sample.ToString() + " good samples");
                SupervisorAssert.Reasons(CutReasons.SensorFault, still);
            }

            rig.Step();
            Assert.IsTrue(rig.Supervisor.TryClear(rig.Now, out still), SupervisorAssert.Reasons(still));
        }

        [TestMethod]
        public void A_clear_is_refused_until_the_temperature_is_below_the_limit_minus_the_margin()
        {
            SupervisorRig rig = CutRig();
            rig.TemperatureJitters = false;
            rig.Temperature = 4200 - SafetyTiming.RearmTemperatureMarginCentiCelsius + 1;
            rig.Steps(10);
            CutReasons still;
            Assert.IsFalse(rig.Supervisor.TryClear(rig.Now, out still));
            SupervisorAssert.Reasons(CutReasons.OverTemperature, still);
            rig.Temperature = 4200 - SafetyTiming.RearmTemperatureMarginCentiCelsius;
            rig.Step();
            Assert.IsTrue(rig.Supervisor.TryClear(rig.Now, out still), SupervisorAssert.Reasons(still));
        }

        [TestMethod]
        public void A_clear_is_refused_while_an_emitter_still_reads_on()
        {
            SupervisorRig rig = CutRig();
            rig.ReadbackOverride = 0x4; // reads on although the bank is unpowered
            rig.Steps(10);
            CutReasons still;
            Assert.IsFalse(rig.Supervisor.TryClear(rig.Now, out still));
            SupervisorAssert.Reasons(CutReasons.EmitterMismatch, still & CutReasons.EmitterMismatch);
            Assert.IsTrue((rig.Supervisor.LatchedReasons & CutReasons.EmitterMismatch) != 0);
        }

        [TestMethod]
        public void A_clear_with_a_driver_shorted_on_keeps_the_bank_unpowered_and_the_next_self_test_cuts_it()
        {
            SupervisorRig rig = new SupervisorRig().Warm();
            rig.Arm();
            rig.Emit(0x3);
            rig.StuckOnMask = 0x80;
            rig.Steps(3);
            SupervisorAssert.Mode(SupervisorMode.SafeStop, rig.Supervisor.Mode);
            Assert.IsTrue((rig.Supervisor.LatchedReasons & CutReasons.EmitterMismatch) != 0);
            rig.Steps(10);
            Assert.IsFalse(rig.InterlockPowered);

            CutReasons still;
            Assert.IsTrue(rig.Supervisor.TryClear(rig.Now, out still), SupervisorAssert.Reasons(still));
            int togglesAtClear = rig.KeepAliveToggles;
            for (int tick = 0; tick < 500; tick++)
            {
                Assert.IsFalse(rig.Step().ToggleKeepAlive);
                Assert.IsFalse(rig.InterlockPowered, "the bank powered while idle at tick " + tick.ToString());
            }

            Assert.AreEqual(togglesAtClear, rig.KeepAliveToggles);
            SupervisorAssert.Reasons(CutReasons.None, rig.Supervisor.BeginArm(100000, 200, 8, rig.Now));
            long poweredAt = long.MinValue;
            for (int tick = 0; tick < 20 && rig.Supervisor.Mode == SupervisorMode.SelfTest; tick++)
            {
                Assert.AreEqual(0, rig.Step().EmitterMask);
                if (poweredAt == long.MinValue && rig.InterlockPowered)
                {
                    poweredAt = rig.Now;
                }
            }

            SupervisorAssert.Mode(SupervisorMode.SafeStop, rig.Supervisor.Mode);
            Assert.IsTrue((rig.Supervisor.LatchedReasons & CutReasons.EmitterMismatch) != 0, SupervisorAssert.Reasons(rig.Supervisor.LatchedReasons));
            Assert.AreEqual(SupervisorRig.Period, rig.Now - poweredAt, "the short was powered longer than one tick");
            Assert.IsFalse(rig.Outputs.ToggleKeepAlive);
        }

        [TestMethod]
        public void A_keep_alive_that_does_not_drop_the_bank_while_latched_blocks_the_clear()
        {
            SupervisorRig rig = CutRig();
            rig.KeepAliveStuckPowered = true;
            rig.Steps(10);
            Assert.IsTrue((rig.Supervisor.LatchedReasons & CutReasons.SelfTestFailed) != 0);
            CutReasons still;
            Assert.IsFalse(rig.Supervisor.TryClear(rig.Now, out still));
            SupervisorAssert.Reasons(CutReasons.SelfTestFailed, still);
        }

        [TestMethod]
        public void A_clear_is_refused_shortly_after_an_overrun()
        {
            SupervisorRig rig = CutRig();
            rig.Steps(10);
            rig.ExtraDelay = 20000;
            rig.Step();
            CutReasons still;
            Assert.IsFalse(rig.Supervisor.TryClear(rig.Now, out still));
            SupervisorAssert.Reasons(CutReasons.SupervisorOverrun, still & CutReasons.SupervisorOverrun);
            rig.Steps(SafetyTiming.RearmOnTimeTicks);
            Assert.IsTrue(rig.Supervisor.TryClear(rig.Now, out still), SupervisorAssert.Reasons(still));
        }

        [TestMethod]
        public void A_clear_is_refused_while_a_watchdog_channel_is_silent()
        {
            SupervisorRig rig = CutRig();
            rig.SensorCheckIn = false;
            rig.Steps(15);
            CutReasons still;
            Assert.IsFalse(rig.Supervisor.TryClear(rig.Now, out still));
            SupervisorAssert.Reasons(CutReasons.WatchdogChannel, still);
        }

        [TestMethod]
        public void A_refused_clear_names_every_condition_still_present()
        {
            SupervisorRig rig = CutRig();
            rig.Temperature = 4300;
            rig.Heartbeats = false;
            rig.Steps(30);
            CutReasons still;
            Assert.IsFalse(rig.Supervisor.TryClear(rig.Now, out still));
            SupervisorAssert.Reasons(CutReasons.OverTemperature | CutReasons.LinkLost, still);
            SupervisorAssert.Mode(SupervisorMode.SafeStop, rig.Supervisor.Mode);
        }

        private static SupervisorRig CutRig() => CutRig(new ChamberSettings(), 100000);

        /// <summary>An armed rig cut by an over-temperature that has already cooled down again.</summary>
        private static SupervisorRig CutRig(ChamberSettings settings, int countLimit)
        {
            SupervisorRig rig = new SupervisorRig(settings).Warm();
            rig.Arm(countLimit);
            rig.Temperature = 4250;
            rig.Step();
            SupervisorAssert.Mode(SupervisorMode.SafeStop, rig.Supervisor.Mode);
            rig.Temperature = 3700;
            return rig;
        }
    }
}
