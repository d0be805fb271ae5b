using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Hal.Sensors;
using nanoFramework.TestFramework;

namespace ChamberFirmware.Device.NanoClr.Safety
{
    /// <summary>Every cut cause on the interpreter, translated from the host SupervisorCutTests: its detection budget and what the cut does in the same tick.</summary>
    [TestClass]
    public class SupervisorCutTests
    {
        [TestMethod]
        public void Overcount_cuts_in_the_same_tick_as_the_first_sample_at_the_limit()
        {
            SupervisorRig rig = ActiveRig(10000, 200, 9500);
            for (int count = 9500; count < 10000; count += 5)
            {
                rig.Count = count;
                rig.Supervisor.RequestEmitters(0xF, 100, rig.Now);
                Assert.AreEqual(0xF, rig.Step().EmitterMask, "cut below the limit at " + count.ToString());
            }

            rig.Count = 10000;
            rig.Supervisor.RequestEmitters(0xF, 100, rig.Now);
            SupervisorOutputs outputs = rig.Step();

            SupervisorAssert.Cut(rig, CutReasons.Overcount, outputs);
            Assert.IsTrue(outputs.EmitterMaskChanged);
            CutSnapshot snapshot = new CutSnapshot();
            rig.Supervisor.CopyLastCut(snapshot);
            Assert.AreEqual(1, snapshot.Sequence);
            Assert.AreEqual(rig.Now, snapshot.TimeMicroseconds);
            SupervisorAssert.Reasons(CutReasons.Overcount, snapshot.Reasons);
            Assert.AreEqual(10000, snapshot.Count);
            Assert.AreEqual(0xF, snapshot.EmitterMask);
        }

        [TestMethod]
        public void Count_just_below_the_limit_does_not_cut()
        {
            SupervisorRig rig = ActiveRig(3000, 200, 2999);
            rig.Supervisor.RequestEmitters(1, 100, rig.Now);
            Assert.AreEqual(1, rig.Step().EmitterMask);
            SupervisorAssert.Mode(SupervisorMode.Ready, rig.Supervisor.Mode);
        }

        [TestMethod]
        public void A_count_limit_above_the_hard_ceiling_is_clamped_to_the_ceiling()
        {
            SupervisorRig rig = new SupervisorRig().Warm();
            rig.Count = HardLimits.CountCeiling - 1000;
            rig.Steps(10);
            rig.Arm(int.MaxValue);
            rig.Count = HardLimits.CountCeiling;
            SupervisorAssert.Cut(rig, CutReasons.Overcount, rig.Step());
        }

        [TestMethod]
        public void Runaway_growth_cuts_before_the_count_limit_is_reached()
        {
            SupervisorRig rig = ActiveRig(100000, 200, 5000);
            double count = 5000;
            for (int tick = 0; tick < 1000 && rig.Supervisor.Mode == SupervisorMode.Ready; tick++)
            {
                count *= 1.01; // 1 % per 10 ms: about 1000 per-mille per second, far beyond 200
                rig.Count = (int)count;
                rig.Supervisor.RequestEmitters(0xF, 100, rig.Now);
                rig.Step();
            }

            SupervisorAssert.Mode(SupervisorMode.SafeStop, rig.Supervisor.Mode);
            Assert.IsTrue((rig.Supervisor.LatchedReasons & CutReasons.RunawayGrowth) != 0, SupervisorAssert.Reasons(rig.Supervisor.LatchedReasons));
            Assert.IsTrue(rig.Supervisor.Count < 10000, "cut only at " + rig.Supervisor.Count.ToString());
            Assert.AreEqual(0, rig.Outputs.EmitterMask);
        }

        [TestMethod]
        public void Steady_growth_below_the_limit_and_sensor_noise_do_not_trip_the_growth_cut()
        {
            SupervisorRig rig = ActiveRig(1000000, 100, 50000);
            uint noise = 1234;
            double count = 50000;
            for (int tick = 0; tick < 3000; tick++)
            {
                count *= 1.0003; // 30 per-mille per second
                noise = (noise * 1664525) + 1013904223; // portable LCG: the same noise on both runtimes
                double unit = (noise >> 8) / 16777216.0;
                rig.Count = (int)(count * (1 + ((unit - 0.5) * 0.005))); // ±0.25 % noise
                rig.Supervisor.RequestEmitters(1, 100, rig.Now);
                rig.Step();
                Assert.IsTrue(rig.Supervisor.Mode == SupervisorMode.Ready, "cut " + SupervisorAssert.Reasons(rig.Supervisor.LatchedReasons) + " at tick " + tick.ToString() + ", growth " + rig.Supervisor.GrowthPermillePerSecond.ToString());
            }
        }

        [TestMethod]
        public void A_failed_counter_read_cuts_in_the_same_tick_for_every_failure_status()
        {
            SensorReadStatus[] failures = new SensorReadStatus[]
            {
                SensorReadStatus.AddressNotAcknowledged, SensorReadStatus.ClockStretchTimeout, SensorReadStatus.PartialTransfer,
                SensorReadStatus.BusError, SensorReadStatus.CrcMismatch, SensorReadStatus.OutOfRange, SensorReadStatus.InvalidData,
            };
            foreach (SensorReadStatus status in failures)
            {
                SupervisorRig rig = ActiveRig();
                rig.CounterStatus = status;
                rig.Supervisor.RequestEmitters(0xF, 100, rig.Now);
                SupervisorOutputs outputs = rig.Step();
                Assert.AreEqual(0, outputs.EmitterMask, "status " + ((int)status).ToString());
                SupervisorAssert.Cut(rig, CutReasons.SensorFault, outputs);
            }
        }

        [TestMethod]
        public void A_counter_nack_cuts_in_the_same_tick()
        {
            SupervisorRig rig = ActiveRig();
            rig.CounterStatus = SensorReadStatus.AddressNotAcknowledged;
            rig.Supervisor.RequestEmitters(0xF, 100, rig.Now);
            SupervisorAssert.Cut(rig, CutReasons.SensorFault, rig.Step());
            SupervisorAssert.Reasons(CutReasons.SensorFault, rig.Supervisor.LatchedReasons);
        }

        [TestMethod]
        public void A_failed_temperature_read_cuts_in_the_same_tick()
        {
            SensorReadStatus[] failures = new SensorReadStatus[] { SensorReadStatus.BusError, SensorReadStatus.CrcMismatch, SensorReadStatus.OutOfRange };
            foreach (SensorReadStatus status in failures)
            {
                SupervisorRig rig = ActiveRig();
                rig.TemperatureStatus = status;
                SupervisorAssert.Cut(rig, CutReasons.SensorFault, rig.Step());
            }
        }

        [TestMethod]
        public void No_fresh_counter_sample_cuts_after_the_freshness_budget_and_not_before()
        {
            SupervisorRig rig = ActiveRig();
            long lastSample = rig.Now;
            rig.CounterReads = false;
            while (rig.Now + SupervisorRig.Period - lastSample <= SafetyTiming.CounterFreshnessMicroseconds)
            {
                rig.Supervisor.RequestEmitters(1, 100, rig.Now);
                Assert.AreEqual(1, rig.Step().EmitterMask, "cut early, " + (rig.Now - lastSample).ToString() + " us after the last sample");
            }

            SupervisorAssert.Cut(rig, CutReasons.SensorFault, rig.Step());
            Assert.IsTrue(rig.Now - lastSample <= SafetyTiming.CounterFreshnessMicroseconds + SupervisorRig.Period);
        }

        [TestMethod]
        public void A_part_that_never_becomes_ready_is_a_stale_sensor()
        {
            SupervisorRig rig = ActiveRig();
            rig.CounterStatus = SensorReadStatus.NotReady;
            SupervisorAssert.Mode(SupervisorMode.Ready, rig.Step().Mode); // not a fault by itself
            rig.Steps(5);
            SupervisorAssert.Mode(SupervisorMode.SafeStop, rig.Supervisor.Mode);
            SupervisorAssert.Reasons(CutReasons.SensorFault, rig.Supervisor.LatchedReasons);
        }

        [TestMethod]
        public void A_frozen_sequence_number_cuts_after_the_repeat_limit()
        {
            SupervisorRig rig = ActiveRig();
            rig.FreezeSequence = true;
            for (int repeat = 1; repeat <= SafetyTiming.FrozenSequenceLimit; repeat++)
            {
                SupervisorAssert.Mode(SupervisorMode.Ready, rig.Step().Mode);
            }

            SupervisorAssert.Cut(rig, CutReasons.SensorFault, rig.Step());
        }

        [TestMethod]
        public void A_physically_impossible_jump_is_a_sensor_fault()
        {
            SupervisorRig rig = ActiveRig();
            rig.Count = 2000 + SafetyTiming.ImplausibleJumpFloor + 1;
            SupervisorAssert.Cut(rig, CutReasons.SensorFault, rig.Step());
        }

        [TestMethod]
        public void Out_of_range_count_or_temperature_is_a_sensor_fault()
        {
            int[] counts = new int[] { -1, SafetyTiming.CounterRangeMaximum + 1 };
            foreach (int raw in counts)
            {
                SupervisorRig rig = ActiveRig();
                rig.Count = raw;
                SupervisorAssert.Cut(rig, CutReasons.SensorFault, rig.Step());
            }

            int[] temperatures = new int[] { SafetyTiming.TemperatureRangeMinimum - 1, SafetyTiming.TemperatureRangeMaximum + 1 };
            foreach (int raw in temperatures)
            {
                SupervisorRig rig = ActiveRig();
                rig.Temperature = raw;
                SupervisorAssert.Cut(rig, CutReasons.SensorFault, rig.Step());
            }
        }

        [TestMethod]
        public void Link_loss_cuts_at_the_timeout_plus_at_most_one_tick()
        {
            int[] timeouts = new int[] { 50, 250, 2000 };
            foreach (int timeoutMilliseconds in timeouts)
            {
                ChamberSettings settings = new ChamberSettings();
                settings.LinkTimeoutMilliseconds = timeoutMilliseconds;
                SupervisorRig rig = new SupervisorRig(settings).Warm();
                rig.HeartbeatPeriod = 20000;
                rig.Steps(10);
                rig.Arm();
                rig.Step();
                rig.Heartbeats = false;
                long lastHeartbeat = rig.LastHeartbeat;
                for (int guard = 0; guard < 1000 && rig.Supervisor.Mode == SupervisorMode.Ready; guard++)
                {
                    rig.Supervisor.RequestEmitters(1, 100, rig.Now);
                    rig.Step();
                }

                long cutAfter = rig.Now - lastHeartbeat;
                SupervisorAssert.Reasons(CutReasons.LinkLost, rig.Supervisor.LatchedReasons);
                Assert.IsTrue(cutAfter > timeoutMilliseconds * 1000L, "timeout " + timeoutMilliseconds.ToString() + " ms: cut early, " + cutAfter.ToString() + " us");
                Assert.IsTrue(cutAfter <= (timeoutMilliseconds * 1000L) + SupervisorRig.Period, "timeout " + timeoutMilliseconds.ToString() + " ms: cut late, " + cutAfter.ToString() + " us");
                Assert.AreEqual(0, rig.Outputs.EmitterMask);
            }
        }

        [TestMethod]
        public void A_transport_disconnect_cuts_on_the_next_tick()
        {
            SupervisorRig rig = ActiveRig();
            rig.Heartbeats = false;
            rig.Supervisor.OnLinkDown(rig.Now);
            SupervisorAssert.Cut(rig, CutReasons.LinkLost, rig.Step());
        }

        [TestMethod]
        public void Emitter_stuck_on_after_an_off_command_cuts_after_one_tick_of_settling()
        {
            SupervisorRig rig = ActiveRig();
            rig.StuckOnMask = 0x1;
            rig.Supervisor.RequestEmitters(0xE, 100, rig.Now);
            SupervisorAssert.Mode(SupervisorMode.Ready, rig.Step().Mode); // the command is written
            SupervisorAssert.Mode(SupervisorMode.Ready, rig.Step().Mode); // settling tick
            SupervisorAssert.Cut(rig, CutReasons.EmitterMismatch, rig.Step());
        }

        [TestMethod]
        public void Emitter_stuck_off_after_an_on_command_cuts_after_one_tick_of_settling()
        {
            SupervisorRig rig = ActiveRig();
            rig.StuckOffMask = 0x10;
            rig.Supervisor.RequestEmitters(0x1F, 100, rig.Now);
            SupervisorAssert.Mode(SupervisorMode.Ready, rig.Step().Mode);
            SupervisorAssert.Mode(SupervisorMode.Ready, rig.Step().Mode);
            SupervisorAssert.Cut(rig, CutReasons.EmitterMismatch, rig.Step());
        }

        [TestMethod]
        public void A_read_back_lagging_by_exactly_one_tick_is_not_a_mismatch()
        {
            SupervisorRig rig = ActiveRig();
            int previous = rig.LineMask;
            for (int i = 0; i < 50; i++)
            {
                int mask = (i % 2 == 0) ? 0x3 : 0xC;
                rig.ReadbackOverride = previous; // the lines show last tick's command
                rig.Supervisor.RequestEmitters(mask, 100, rig.Now);
                previous = rig.Step().EmitterMask;
                SupervisorAssert.Mode(SupervisorMode.Ready, rig.Supervisor.Mode);
            }
        }

        [TestMethod]
        public void A_read_back_that_lies_cuts()
        {
            SupervisorRig rig = ActiveRig();
            rig.ReadbackOverride = 0; // claims all off while four channels are driven
            rig.Supervisor.RequestEmitters(0xF, 100, rig.Now);
            SupervisorAssert.Mode(SupervisorMode.Ready, rig.Step().Mode);
            SupervisorAssert.Cut(rig, CutReasons.EmitterMismatch, rig.Step());
        }

        [TestMethod]
        public void Over_temperature_cuts_at_the_configured_limit()
        {
            SupervisorRig rig = ActiveRig();
            rig.Temperature = 4199;
            SupervisorAssert.Mode(SupervisorMode.Ready, rig.Step().Mode);
            rig.Temperature = 4200;
            SupervisorAssert.Cut(rig, CutReasons.OverTemperature, rig.Step());
        }

        [TestMethod]
        public void Temperature_calibration_offset_is_applied_before_the_limit()
        {
            ChamberSettings settings = new ChamberSettings();
            settings.TemperatureOffsetCentiCelsius = 300;
            SupervisorRig rig = new SupervisorRig(settings).Warm();
            rig.Arm();
            rig.Temperature = 3900; // 39.00 + 3.00 = 42.00 °C
            SupervisorAssert.Cut(rig, CutReasons.OverTemperature, rig.Step());
        }

        [TestMethod]
        public void Counter_gain_is_applied_before_the_count_limit()
        {
            ChamberSettings settings = new ChamberSettings();
            settings.CounterGainPermille = 1100;
            SupervisorRig rig = new SupervisorRig(settings);
            rig.Count = 1900;
            rig.Warm();
            rig.Arm(2200);
            rig.Count = 2000; // 2000 × 1.1 = 2200
            SupervisorAssert.Cut(rig, CutReasons.Overcount, rig.Step());
            Assert.AreEqual(2200, rig.Supervisor.Count);
        }

        [TestMethod]
        public void A_tick_later_than_two_and_a_half_periods_is_an_overrun_cut()
        {
            SupervisorRig rig = ActiveRig();
            rig.ExtraDelay = 15000; // 25 ms since the previous tick: at the bound, still on time
            SupervisorAssert.Mode(SupervisorMode.Ready, rig.Step().Mode);
            rig.ExtraDelay = 15001;
            SupervisorAssert.Cut(rig, CutReasons.SupervisorOverrun, rig.Step());
        }

        [TestMethod]
        public void A_watchdog_channel_that_stops_checking_in_cuts_after_its_timeout()
        {
            WatchdogChannel[] channels = new WatchdogChannel[] { WatchdogChannel.ControlLoop, WatchdogChannel.SensorLoop, WatchdogChannel.LinkLoop };
            int[] timeouts = new int[] { SafetyTiming.ControlLoopTimeoutMilliseconds, SafetyTiming.SensorLoopTimeoutMilliseconds, SafetyTiming.LinkLoopTimeoutMilliseconds };
            for (int c = 0; c < channels.Length; c++)
            {
                SupervisorRig rig = ActiveRig();
                long lastCheckIn = rig.Now;
                switch (channels[c])
                {
                    case WatchdogChannel.ControlLoop: rig.ControlCheckIn = false; break;
                    case WatchdogChannel.SensorLoop: rig.SensorCheckIn = false; break;
                    default: rig.LinkCheckIn = false; break;
                }

                for (int guard = 0; guard < 1000 && rig.Supervisor.Mode == SupervisorMode.Ready; guard++)
                {
                    Assert.IsTrue(rig.Outputs.ToggleKeepAlive);
                    rig.Supervisor.RequestEmitters(1, 100, rig.Now);
                    rig.Step();
                }

                long silent = rig.Now - lastCheckIn;
                SupervisorAssert.Reasons(CutReasons.WatchdogChannel, rig.Supervisor.LatchedReasons);
                Assert.IsTrue(silent > timeouts[c] * 1000L && silent <= (timeouts[c] * 1000L) + SupervisorRig.Period, "channel " + c.ToString() + " cut after " + silent.ToString() + " us");
                Assert.IsFalse(rig.Outputs.ToggleKeepAlive);
            }
        }

        [TestMethod]
        public void The_keep_alive_is_not_fed_until_every_loop_has_checked_in()
        {
            SupervisorRig rig = new SupervisorRig();
            rig.LinkCheckIn = false;
            rig.Steps(30);
            SupervisorAssert.Reasons(CutReasons.WatchdogChannel, rig.Supervisor.BeginArm(100000, 200, 8, rig.Now) & CutReasons.WatchdogChannel);
            Assert.AreEqual(0, rig.KeepAliveToggles);
            Assert.IsFalse(rig.InterlockPowered);
            rig.LinkCheckIn = true;
            rig.Step();
            rig.Arm();
            Assert.IsTrue(rig.InterlockPowered);
            Assert.IsTrue(rig.Step().ToggleKeepAlive);
        }

        [TestMethod]
        public void Nothing_turns_an_emitter_on_while_safe_stop_is_latched()
        {
            SupervisorRig rig = ActiveRig();
            rig.Heartbeats = false;
            rig.Supervisor.OnLinkDown(rig.Now);
            rig.Step();
            SupervisorAssert.Mode(SupervisorMode.SafeStop, rig.Supervisor.Mode);
            rig.Supervisor.OnHeartbeat(rig.Now);

            Assert.IsFalse(rig.Supervisor.RequestEmitters(1, 100, rig.Now));
            Assert.IsTrue(rig.Supervisor.BeginArm(100000, 200, 8, rig.Now) != CutReasons.None);
            Assert.IsFalse(rig.Supervisor.Disarm(rig.Now));
            SettingsField rejected;
            Assert.IsFalse(rig.Supervisor.TryApplySettings(new ChamberSettings(), out rejected));
            for (int i = 0; i < 200; i++)
            {
                rig.Supervisor.RequestEmitters(0xFF, 100, rig.Now);
                SupervisorOutputs outputs = rig.Step();
                Assert.AreEqual(0, outputs.EmitterMask);
                Assert.IsFalse(outputs.ToggleKeepAlive);
            }
        }

        [TestMethod]
        public void Each_cut_takes_a_new_snapshot_with_a_higher_sequence_number()
        {
            SupervisorRig rig = ActiveRig();
            rig.Temperature = 4300;
            rig.Step();
            CutSnapshot first = new CutSnapshot();
            rig.Supervisor.CopyLastCut(first);
            rig.Temperature = 3700;
            rig.Steps(30);
            CutReasons still;
            Assert.IsTrue(rig.Supervisor.TryClear(rig.Now, out still), SupervisorAssert.Reasons(still));
            rig.Steps(2);
            rig.Arm();
            rig.Heartbeats = false;
            rig.Supervisor.OnLinkDown(rig.Now);
            rig.Step();
            CutSnapshot second = new CutSnapshot();
            rig.Supervisor.CopyLastCut(second);

            Assert.AreEqual(1, first.Sequence);
            SupervisorAssert.Reasons(CutReasons.OverTemperature, first.Reasons);
            Assert.AreEqual(4300, first.TemperatureCentiCelsius);
            Assert.AreEqual(2, second.Sequence);
            SupervisorAssert.Reasons(CutReasons.LinkLost, second.Reasons);
            Assert.IsTrue(second.TimeMicroseconds > first.TimeMicroseconds);
        }

        [TestMethod]
        public void Conditions_while_idle_are_reported_but_do_not_latch()
        {
            SupervisorRig rig = new SupervisorRig().Warm();
            rig.Heartbeats = false;
            rig.Steps(40);
            SupervisorAssert.Mode(SupervisorMode.Idle, rig.Supervisor.Mode);
            SupervisorAssert.Reasons(CutReasons.LinkLost, rig.Supervisor.PresentReasons);
            SupervisorAssert.Reasons(CutReasons.None, rig.Supervisor.LatchedReasons);
            Assert.IsFalse(rig.Outputs.ToggleKeepAlive);
            Assert.AreEqual(0, rig.Outputs.EmitterMask);
        }

        [TestMethod]
        public void Not_armable_before_the_first_valid_heartbeat()
        {
            SupervisorRig rig = new SupervisorRig();
            rig.Heartbeats = false;
            rig.Steps(30);
            SupervisorAssert.Reasons(CutReasons.LinkLost, rig.Supervisor.BeginArm(100000, 200, 8, rig.Now));
            SupervisorAssert.Mode(SupervisorMode.Idle, rig.Supervisor.Mode);
        }

        internal static SupervisorRig ActiveRig() => ActiveRig(100000, 200, 2000);

        internal static SupervisorRig ActiveRig(int countLimit, int growthLimit, int initialCount)
        {
            SupervisorRig rig = new SupervisorRig();
            rig.Count = initialCount;
            rig.Warm();
            rig.Arm(countLimit, growthLimit, 8);
            rig.Emit(0xF);
            Assert.AreEqual(0xF, rig.Outputs.EmitterMask, "not active");
            return rig;
        }
    }
}
