using System.Threading;
using nanoFramework.TestFramework;

namespace ChamberFirmware.Device.Tests
{
    /// <summary>
    /// What only the board can show: the emitter read-back lines follow the enables channel by
    /// channel (with the bank powered), and the hold circuit drops the bank when the keep-alive
    /// stops and powers it again when it toggles (docs/hardware.md, interlock hold time 25 ms).
    /// Run with the emitter head disconnected or dummy loads fitted: these tests drive the outputs.
    /// </summary>
    [TestClass]
    public class EmitterAndInterlockTests
    {
        [Setup]
        public void Setup()
        {
            DeviceBoard.Safe();
        }

        [Cleanup]
        public void Cleanup()
        {
            DeviceBoard.Safe();
        }

        [TestMethod]
        public void Readback_follows_each_emitter_channel_alone()
        {
            var emitters = DeviceBoard.Drivers.Emitters;
            DeviceBoard.FeedInterlock(50);
            Assert.IsTrue(DeviceBoard.Drivers.Interlock.IsBankPowered(), "bank not powered while the keep-alive toggles");
            Assert.AreEqual(0, emitters.ReadReadbackMask());

            for (int channel = 0; channel < emitters.ChannelCount; channel++)
            {
                int mask = 1 << channel;
                Assert.IsTrue(emitters.SetChannelMask(mask), "mask refused");
                DeviceBoard.FeedInterlock(20);
                int readback = emitters.ReadReadbackMask();
                OutputHelper.WriteLine("channel " + channel.ToString() + ": commanded 0x" + mask.ToString("X2") + ", read back 0x" + readback.ToString("X2"));
                Assert.AreEqual(mask, readback);

                Assert.IsTrue(emitters.SetChannelMask(0), "mask refused");
                DeviceBoard.FeedInterlock(20);
                Assert.AreEqual(0, emitters.ReadReadbackMask());
            }
        }

        [TestMethod]
        public void Interlock_power_drops_when_the_keep_alive_stops_and_returns_when_it_toggles()
        {
            var interlock = DeviceBoard.Drivers.Interlock;
            DeviceBoard.FeedInterlock(100);
            Assert.IsTrue(interlock.IsBankPowered(), "bank not powered after 100 ms of keep-alive");

            // Stop toggling: the hold circuit must drop the bank within its hold time (+ margin).
            Thread.Sleep(40);
            Assert.IsFalse(interlock.IsBankPowered(), "bank still powered 40 ms after the last keep-alive edge");

            DeviceBoard.FeedInterlock(50);
            Assert.IsTrue(interlock.IsBankPowered(), "bank did not come back when the keep-alive resumed");
        }
    }
}
