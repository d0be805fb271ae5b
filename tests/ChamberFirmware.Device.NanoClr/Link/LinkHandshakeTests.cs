using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Crypto;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Treatment;
using nanoFramework.TestFramework;

namespace ChamberFirmware.Device.NanoClr.Link
{
    /// <summary>The link handshake and bound session on the interpreter (host: LinkServerSessionTests), with the key in RAM.</summary>
    [TestClass]
    public class LinkHandshakeTests
    {
        [TestMethod]
        public void Hello_and_confirm_bind_a_session_and_heartbeats_reach_the_chamber()
        {
            LinkTestRig rig = new LinkTestRig();
            TestConsole console = rig.Connect(11);
            Assert.AreEqual(0, rig.Send(console.Frame(LinkMessageType.Heartbeat)).Length);
            rig.Clock.AdvanceMilliseconds(50);
            Assert.AreEqual(0, rig.Send(console.Frame(LinkMessageType.Heartbeat)).Length);
            Assert.AreEqual(2, rig.Control.HeartbeatCount);
            Assert.AreEqual(rig.Clock.NowMicroseconds, rig.Control.LastHeartbeatMicroseconds);
        }

        [TestMethod]
        public void The_challenge_carries_both_nonces_and_is_tagged_with_the_device_key()
        {
            LinkTestRig rig = new LinkTestRig();
            TestConsole console = new TestConsole(LinkTestRig.DeviceKey, 11);
            byte[] challenge = rig.Send(console.Hello());
            Assert.AreEqual(LinkProtocol.MinFrameSize + LinkPayloads.ChallengeSize, challenge.Length, "challenge length");

            // A console holding another key derives other session keys and refuses the challenge.
            TestConsole impostor = new TestConsole(SeededBytes.Key(999), 11);
            impostor.Hello();
            Assert.IsFalse(impostor.AcceptChallenge(challenge), "a challenge verified under the wrong key");
            Assert.IsTrue(console.AcceptChallenge(challenge));
            Assert.IsFalse(rig.Server.IsSessionBound, "bound before the confirm");
        }

        [TestMethod]
        public void Arm_carries_every_profile_field_to_the_chamber()
        {
            LinkTestRig rig = new LinkTestRig();
            TestConsole console = rig.Connect(11);
            TreatmentProfile profile = new TreatmentProfile();
            profile.TargetCount = 200000;
            profile.CountLimit = 400000;
            profile.GrowthLimitPermillePerSecond = 120;
            profile.DurationMilliseconds = 600000;
            profile.RampChannelsPerSecond = 2;
            profile.MaxActiveChannels = 6;
            byte[] payload = new byte[LinkPayloads.ProfileSize];
            LinkPayloads.WriteProfile(profile, payload, 0);

            Assert.AreEqual((int)CommandResult.Ok, (int)console.OpenResponse(rig.Send(console.Frame(LinkMessageType.Arm, payload))));
            Assert.AreEqual((int)LinkMessageType.Arm, (int)console.LastRequest);
            TreatmentProfile got = rig.Control.LastProfile;
            Assert.AreEqual(200000, got.TargetCount);
            Assert.AreEqual(400000, got.CountLimit);
            Assert.AreEqual(120, got.GrowthLimitPermillePerSecond);
            Assert.AreEqual(600000, got.DurationMilliseconds);
            Assert.AreEqual(2, got.RampChannelsPerSecond);
            Assert.AreEqual(6, got.MaxActiveChannels);
        }

        [TestMethod]
        public void Unknown_authenticated_command_is_answered_unknown_and_malformed_payload_malformed()
        {
            LinkTestRig rig = new LinkTestRig();
            TestConsole console = rig.Connect(11);
            Assert.AreEqual((int)CommandResult.UnknownCommand, (int)console.OpenResponse(rig.Send(console.Frame((LinkMessageType)0x5A))));
            Assert.AreEqual((int)CommandResult.Malformed, (int)console.OpenResponse(rig.Send(console.Frame(LinkMessageType.Arm, new byte[23]))));
            Assert.AreEqual((int)CommandResult.Malformed, (int)console.OpenResponse(rig.Send(console.Frame(LinkMessageType.Start, new byte[1]))));
            Assert.AreEqual(0, rig.Control.ActuationCalls);
        }

        [TestMethod]
        public void A_heartbeat_of_another_session_does_not_count()
        {
            LinkTestRig rig = new LinkTestRig();
            TestConsole bound = rig.Connect(11);
            rig.Control.State = ChamberState.Active;

            // A second console with the right key completes a handshake while the chamber is Active:
            // refused, and its frames never count as the bound console's heartbeats.
            TestConsole other = new TestConsole(LinkTestRig.DeviceKey, 99);
            Assert.IsTrue(other.AcceptChallenge(rig.Send(other.Hello())));
            Assert.AreEqual((int)CommandResult.InvalidState, (int)other.OpenResponse(rig.Send(other.Frame(LinkMessageType.SessionConfirm))));

            Assert.AreEqual(0, rig.Send(other.Frame(LinkMessageType.Heartbeat)).Length);
            Assert.AreEqual((int)LinkRejectReason.BadTag, (int)rig.Server.LastRejectReason);
            Assert.AreEqual(0, rig.Control.HeartbeatCount);

            rig.Send(bound.Frame(LinkMessageType.Heartbeat));
            Assert.AreEqual(1, rig.Control.HeartbeatCount);
        }

        [TestMethod]
        public void Outside_active_a_confirmed_new_session_takes_over_and_the_old_one_is_dead()
        {
            ChamberState[] states = new ChamberState[] { ChamberState.Idle, ChamberState.Armed, ChamberState.Completed, ChamberState.SafeStop };
            foreach (ChamberState state in states)
            {
                LinkTestRig rig = new LinkTestRig();
                TestConsole old = rig.Connect(11);
                rig.Control.State = state;
                TestConsole fresh = rig.Connect(12);

                rig.Send(old.Frame(LinkMessageType.Heartbeat));
                Assert.AreEqual((int)LinkRejectReason.BadTag, (int)rig.Server.LastRejectReason, "state " + ((int)state).ToString());
                rig.Send(fresh.Frame(LinkMessageType.Heartbeat));
                Assert.AreEqual(1, rig.Control.HeartbeatCount, "state " + ((int)state).ToString());
            }
        }

        [TestMethod]
        public void Transport_close_reports_link_down_once_and_ends_the_session()
        {
            LinkTestRig rig = new LinkTestRig();
            TestConsole console = rig.Connect(11);
            rig.Server.OnTransportClosed();
            Assert.AreEqual(1, rig.Control.LinkDownCount);
            Assert.IsFalse(rig.Server.IsSessionBound);

            rig.Send(console.Frame(LinkMessageType.Heartbeat));
            Assert.AreEqual((int)LinkRejectReason.NoSession, (int)rig.Server.LastRejectReason);
            Assert.AreEqual(0, rig.Control.HeartbeatCount);

            rig.Server.OnTransportClosed();
            Assert.AreEqual(1, rig.Control.LinkDownCount);
            Assert.AreEqual(0, rig.Server.BuildTelemetryFrame(new byte[LinkProtocol.MaxFrameSize], 0));
        }

        [TestMethod]
        public void Device_without_a_key_answers_hello_with_not_provisioned_and_nothing_can_arm()
        {
            LinkTestRig rig = new LinkTestRig(null, 1000, 1);
            TestConsole console = new TestConsole(new byte[32], 5);
            byte[] notice = rig.Send(console.Hello());
            Assert.AreEqual((byte)LinkMessageType.Notice, notice[LinkProtocol.OffsetType]);
            Assert.AreEqual((byte)CommandResult.NotProvisioned, notice[LinkProtocol.HeaderSize + 1]);
            Assert.AreEqual((int)LinkRejectReason.NotProvisioned, (int)rig.Server.LastRejectReason);
            Assert.IsFalse(rig.Server.IsSessionBound);

            // An all-zero "default" key is not a key: no session, so no Arm can be authenticated.
            HmacSha256 zeroKey = new HmacSha256();
            zeroKey.SetKey(new byte[32], 0, 32);
            console.Session.Establish(zeroKey, new byte[16], 0, new byte[16], 0, false);
            rig.Send(console.Frame(LinkMessageType.Arm, new byte[LinkPayloads.ProfileSize]));
            Assert.AreEqual((int)LinkRejectReason.NoSession, (int)rig.Server.LastRejectReason);
            Assert.AreEqual(0, rig.Control.ArmCount);
        }

        [TestMethod]
        public void A_valid_heartbeat_costs_the_device_two_sha256_compressions()
        {
            LinkTestRig rig = new LinkTestRig();
            TestConsole console = rig.Connect(11);
            rig.Send(console.Frame(LinkMessageType.Heartbeat));
            long before = rig.Server.BoundSessionCompressions;
            for (int i = 0; i < 20; i++)
            {
                rig.Send(console.Frame(LinkMessageType.Heartbeat));
            }

            Assert.AreEqual(21, rig.Control.HeartbeatCount);
            Assert.AreEqual(2L * 20, rig.Server.BoundSessionCompressions - before);
        }
    }
}
