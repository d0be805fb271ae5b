using System;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Crypto;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Wire;
using nanoFramework.TestFramework;

namespace ChamberFirmware.Device.NanoClr.Link
{
    /// <summary>Replay, forgery and malformed-frame refusals on the interpreter (host: LinkServerRejectionTests): each attack performed, each refused and counted, nothing changed.</summary>
    [TestClass]
    public class LinkRejectionTests
    {
        [TestMethod]
        public void Each_class_of_bad_input_is_rejected_with_its_code_counted_and_changes_nothing()
        {
            LinkTestRig rig = new LinkTestRig();
            TestConsole console = rig.Connect(11);
            byte[] good = console.Frame(LinkMessageType.Heartbeat);

            AssertRejected(rig, new byte[0], LinkRejectReason.Truncated, 0);
            AssertRejected(rig, good, LinkRejectReason.Truncated, good.Length - 1); // truncated tag
            AssertRejected(rig, TestConsole.Slice(good, 0, 10), LinkRejectReason.Truncated, 10);
            AssertRejected(rig, new byte[LinkProtocol.MaxFrameSize + 1], LinkRejectReason.Oversized, LinkProtocol.MaxFrameSize + 1);
            AssertRejected(rig, new byte[4000], LinkRejectReason.Oversized, 4000);

            byte[] version = Copy(good);
            version[0] = 2;
            AssertRejected(rig, version, LinkRejectReason.BadVersion, version.Length);

            byte[] trailing = new byte[good.Length + 3];
            Array.Copy(good, trailing, good.Length);
            AssertRejected(rig, trailing, LinkRejectReason.BadLength, trailing.Length);

            byte[] garbled = Copy(good);
            garbled[LinkProtocol.OffsetSequence] ^= 0x40;
            AssertRejected(rig, garbled, LinkRejectReason.BadTag, garbled.Length);

            byte[] wrongWay = console.Frame(LinkMessageType.Response);
            AssertRejected(rig, wrongWay, LinkRejectReason.WrongDirection, wrongWay.Length);

            // The genuine frame still works after all of that: the session did not move.
            Assert.AreEqual(0, rig.Send(good).Length);
            Assert.AreEqual(1, rig.Control.HeartbeatCount);
        }

        [TestMethod]
        public void A_replayed_frame_is_refused()
        {
            LinkTestRig rig = new LinkTestRig();
            TestConsole console = rig.Connect(11);
            byte[] start = console.Frame(LinkMessageType.Start);
            Assert.AreEqual((int)CommandResult.Ok, (int)console.OpenResponse(rig.Send(start)));
            AssertRejected(rig, start, LinkRejectReason.Replayed, start.Length);
            Assert.AreEqual(1, rig.Control.StartCount);
        }

        [TestMethod]
        public void An_older_frame_after_a_newer_one_is_refused_as_reordered()
        {
            LinkTestRig rig = new LinkTestRig();
            TestConsole console = rig.Connect(11);
            byte[] first = console.Frame(LinkMessageType.Heartbeat);
            byte[] second = console.Frame(LinkMessageType.Heartbeat);
            Assert.AreEqual(0, rig.Send(second).Length);
            AssertRejected(rig, first, LinkRejectReason.Reordered, first.Length);
            Assert.AreEqual(1, rig.Control.HeartbeatCount);
        }

        [TestMethod]
        public void Every_single_bit_flip_anywhere_in_an_authenticated_frame_is_rejected()
        {
            LinkTestRig rig = new LinkTestRig(LinkTestRig.DeviceKey, 100000, 1);
            TestConsole console = rig.Connect(11);
            byte[] payload = new byte[LinkPayloads.SettingsSize];
            LinkPayloads.WriteSettings(new ChamberSettings(), payload, 0);
            byte[] good = console.Frame(LinkMessageType.SetSettings, payload);
            for (int bit = 0; bit < good.Length * 8; bit++)
            {
                byte[] flipped = Copy(good);
                flipped[bit / 8] ^= (byte)(1 << (bit % 8));
                rig.Send(flipped);
                Assert.IsTrue(rig.Server.LastRejectReason != LinkRejectReason.None, "bit " + bit.ToString() + " flipped and accepted");
            }

            Assert.AreEqual(0, rig.Control.ApplySettingsCount);
            Assert.AreEqual((int)CommandResult.Ok, (int)console.OpenResponse(rig.Send(good)));
            Assert.AreEqual(1, rig.Control.ApplySettingsCount);
        }

        [TestMethod]
        public void Frames_recorded_in_one_session_are_worthless_in_the_next_and_after_a_reboot()
        {
            LinkTestRig rig = new LinkTestRig();
            TestConsole console = rig.Connect(11);
            byte[] recordedArm = console.Frame(LinkMessageType.Arm, new byte[LinkPayloads.ProfileSize]);
            byte[] recordedHeartbeat = console.Frame(LinkMessageType.Heartbeat);
            byte[] recordedHello = console.Hello();

            // Same transport, new session, even with the console reusing its own nonce.
            rig.Server.OnTransportClosed();
            TestConsole again = new TestConsole(LinkTestRig.DeviceKey, 11);
            Array.Copy(console.ConsoleNonce, again.ConsoleNonce, LinkProtocol.NonceSize);
            Assert.IsTrue(again.AcceptChallenge(rig.Send(recordedHello)));
            again.OpenResponse(rig.Send(again.Frame(LinkMessageType.SessionConfirm)));
            Assert.IsTrue(rig.Server.IsSessionBound);
            AssertRejected(rig, recordedArm, LinkRejectReason.BadTag, recordedArm.Length);
            AssertRejected(rig, recordedHeartbeat, LinkRejectReason.BadTag, recordedHeartbeat.Length);

            // Reboot: a new server with the same key and a fresh nonce stream.
            LinkTestRig rebooted = new LinkTestRig(LinkTestRig.DeviceKey, 1000, 2);
            rebooted.Connect(11);
            AssertRejected(rebooted, recordedArm, LinkRejectReason.BadTag, recordedArm.Length);
            Assert.AreEqual(0, rig.Control.ArmCount + rebooted.Control.ArmCount);
        }

        [TestMethod]
        public void A_replayed_session_confirm_cannot_rebind_a_session()
        {
            LinkTestRig rig = new LinkTestRig();
            TestConsole console = new TestConsole(LinkTestRig.DeviceKey, 11);
            Assert.IsTrue(console.AcceptChallenge(rig.Send(console.Hello())));
            byte[] confirm = console.Frame(LinkMessageType.SessionConfirm);
            console.OpenResponse(rig.Send(confirm));
            rig.Server.OnTransportClosed();

            AssertRejected(rig, confirm, LinkRejectReason.NoSession, confirm.Length);
            Assert.IsFalse(rig.Server.IsSessionBound);
        }

        [TestMethod]
        public void Frames_signed_with_another_key_are_rejected()
        {
            LinkTestRig rig = new LinkTestRig();
            rig.Connect(11);
            byte[] otherKey = SeededBytes.Key(999);
            TestConsole impostor = new TestConsole(otherKey, 3);
            Assert.IsFalse(impostor.AcceptChallenge(rig.Send(impostor.Hello())));
            HmacSha256 mac = new HmacSha256();
            mac.SetKey(otherKey, 0, otherKey.Length);
            impostor.Session.Establish(mac, new byte[16], 0, impostor.ConsoleNonce, 0, false);
            byte[] confirm = impostor.Frame(LinkMessageType.SessionConfirm);
            AssertRejected(rig, confirm, LinkRejectReason.BadTag, confirm.Length);
            byte[] start = impostor.Frame(LinkMessageType.Start);
            AssertRejected(rig, start, LinkRejectReason.BadTag, start.Length);
        }

        [TestMethod]
        public void Unauthenticated_commands_of_every_type_change_nothing()
        {
            LinkTestRig rig = new LinkTestRig();
            rig.Jumper.Fitted = true;
            byte[] types = new byte[]
            {
                (byte)LinkMessageType.SessionConfirm, (byte)LinkMessageType.Heartbeat, (byte)LinkMessageType.GetStatus, (byte)LinkMessageType.GetIdentity,
                (byte)LinkMessageType.Arm, (byte)LinkMessageType.Start, (byte)LinkMessageType.Stop, (byte)LinkMessageType.ClearFault,
                (byte)LinkMessageType.SetSettings, (byte)LinkMessageType.ProvisionBegin, (byte)LinkMessageType.ProvisionIdentity,
                (byte)LinkMessageType.ProvisionLinkKey, (byte)LinkMessageType.ProvisionSettings, (byte)LinkMessageType.ProvisionCommit,
                (byte)LinkMessageType.ProvisionAbort,
            };
            SeededBytes noise = new SeededBytes(17);
            foreach (byte type in types)
            {
                int payloadLength = type == (byte)LinkMessageType.Arm ? LinkPayloads.ProfileSize
                    : type == (byte)LinkMessageType.SetSettings || type == (byte)LinkMessageType.ProvisionSettings ? LinkPayloads.SettingsSize
                    : type == (byte)LinkMessageType.ProvisionLinkKey ? LinkProtocol.DeviceKeySize
                    : 0;
                byte[] frame = new byte[LinkProtocol.MinFrameSize + payloadLength];
                noise.Fill(frame, 0, frame.Length);
                LinkFrame.WriteHeader(frame, 0, type, 1, payloadLength);
                rig.Send(frame);
                Assert.IsTrue(rig.Server.LastRejectReason != LinkRejectReason.None, "type 0x" + type.ToString("x2") + " accepted without a session");
            }

            // With a bound session, forged tags on configuration commands.
            TestConsole console = rig.Connect(11);
            LinkMessageType[] configuration = new LinkMessageType[] { LinkMessageType.SetSettings, LinkMessageType.ProvisionBegin, LinkMessageType.ProvisionLinkKey, LinkMessageType.ProvisionCommit };
            foreach (LinkMessageType type in configuration)
            {
                byte[] payload = type == LinkMessageType.SetSettings ? new byte[24] : type == LinkMessageType.ProvisionLinkKey ? new byte[32] : new byte[0];
                byte[] frame = console.Frame(type, payload);
                frame[frame.Length - 1] ^= 1;
                AssertRejected(rig, frame, LinkRejectReason.BadTag, frame.Length);
            }

            Assert.AreEqual(0, rig.Control.ActuationCalls);
            Assert.AreEqual(0, rig.Provisioning.Calls, "a provisioning call arrived");
        }

        [TestMethod]
        public void Flooding_drains_the_budget_then_frames_are_dropped_unread_until_it_refills()
        {
            LinkTestRig rig = new LinkTestRig(LinkTestRig.DeviceKey, 20, 1);
            byte[] garbage = new byte[40];
            new SeededBytes(3).Fill(garbage, 0, garbage.Length);
            garbage[0] = 1;
            LittleEndian.WriteUInt16(garbage, 2, 16);
            garbage[1] = (byte)LinkMessageType.Heartbeat;

            for (int i = 0; i < 1000; i++)
            {
                rig.Send(garbage);
            }

            Assert.AreEqual(20, rig.Server.GetRejectCount(LinkRejectReason.NoSession));
            Assert.AreEqual(980, rig.Server.GetRejectCount(LinkRejectReason.RateLimited));

            // 1 s later, 10 more are read; the flood never got a frame accepted.
            rig.Clock.AdvanceMilliseconds(1000);
            for (int i = 0; i < 100; i++)
            {
                rig.Send(garbage);
            }

            Assert.AreEqual(30, rig.Server.GetRejectCount(LinkRejectReason.NoSession));
            Assert.AreEqual(1070, rig.Server.GetRejectCount(LinkRejectReason.RateLimited));
            Assert.AreEqual(0, rig.Server.AcceptedFrameCount);

            // A genuine console gets through once the flood stops and the budget is back.
            rig.Clock.AdvanceMilliseconds(3000);
            TestConsole console = rig.Connect(11);
            rig.Send(console.Frame(LinkMessageType.Heartbeat));
            Assert.AreEqual(1, rig.Control.HeartbeatCount);
        }

        [TestMethod]
        public void A_response_buffer_too_small_or_bad_arguments_are_reported_not_thrown()
        {
            LinkTestRig rig = new LinkTestRig();
            TestConsole console = new TestConsole(LinkTestRig.DeviceKey, 1);
            byte[] hello = console.Hello();
            Assert.AreEqual(0, rig.Server.ProcessFrame(hello, 0, hello.Length, new byte[100], 0));
            Assert.AreEqual((int)LinkRejectReason.ResponseBufferTooSmall, (int)rig.Server.LastRejectReason);
            Assert.AreEqual(0, rig.Server.ProcessFrame(hello, -5, 99999, new byte[LinkProtocol.MaxFrameSize], 0));
            Assert.AreEqual(0, rig.Server.ProcessFrame(null, 0, 10, new byte[LinkProtocol.MaxFrameSize], 0));
        }

        /// <summary>Sends a bad frame; asserts the reason, its counter +1, no response and no state change.</summary>
        private static void AssertRejected(LinkTestRig rig, byte[] frame, LinkRejectReason reason, int count)
        {
            bool bound = rig.Server.IsSessionBound;
            int accepted = rig.Server.AcceptedFrameCount;
            int heartbeats = rig.Control.HeartbeatCount;
            int actuation = rig.Control.ActuationCalls;
            int linkDowns = rig.Control.LinkDownCount;
            int provisioning = rig.Provisioning.Calls;
            int counted = rig.Server.GetRejectCount(reason);

            byte[] response = rig.Send(frame, count);

            Assert.AreEqual((int)reason, (int)rig.Server.LastRejectReason, "reject reason");
            Assert.AreEqual(counted + 1, rig.Server.GetRejectCount(reason), "reject count");
            Assert.AreEqual(0, response.Length, "a rejected frame was answered");
            Assert.AreEqual(bound, rig.Server.IsSessionBound, "session binding changed");
            Assert.AreEqual(accepted, rig.Server.AcceptedFrameCount, "accepted count changed");
            Assert.AreEqual(heartbeats, rig.Control.HeartbeatCount, "heartbeat counted");
            Assert.AreEqual(actuation, rig.Control.ActuationCalls, "actuation reached the chamber");
            Assert.AreEqual(linkDowns, rig.Control.LinkDownCount, "link-down reported");
            Assert.AreEqual(provisioning, rig.Provisioning.Calls, "provisioning reached the store");
        }

        private static byte[] Copy(byte[] source) => TestConsole.Slice(source, 0, source.Length);
    }
}
