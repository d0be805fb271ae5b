using System;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Link;
using Xunit;
using ChamberFirmware.Core.Wire;

namespace ChamberFirmware.Core.Tests.Link;

public class LinkServerRejectionTests
{
    private sealed record Snapshot(bool Bound, int Accepted, int Heartbeats, int Actuation, int LinkDowns, int ProvisioningCalls);

    private static Snapshot Take(LinkTestRig rig) => new(
        rig.Server.IsSessionBound, rig.Server.AcceptedFrameCount, rig.Control.HeartbeatCount,
        rig.Control.ActuationCalls, rig.Control.LinkDownCount, rig.Provisioning.Calls.Count);

    /// <summary>Sends a bad frame; asserts the reason, its counter +1, no response and no state change.</summary>
    private static void AssertRejected(LinkTestRig rig, byte[] frame, LinkRejectReason reason, int? count = null)
    {
        var before = Take(rig);
        int counted = rig.Server.GetRejectCount(reason);
        byte[] response = rig.Send(frame, count ?? frame.Length);
        Assert.Equal(reason, rig.Server.LastRejectReason);
        Assert.Equal(counted + 1, rig.Server.GetRejectCount(reason));
        Assert.Empty(response);
        Assert.Equal(before, Take(rig));
    }

    [Fact]
    public void Each_class_of_bad_input_is_rejected_with_its_code_counted_and_changes_nothing()
    {
        var rig = new LinkTestRig(rejectBurst: 1000);
        var console = rig.Connect();
        byte[] good = console.Frame(LinkMessageType.Heartbeat);

        AssertRejected(rig, Array.Empty<byte>(), LinkRejectReason.Truncated);
        AssertRejected(rig, good, LinkRejectReason.Truncated, good.Length - 1); // truncated tag
        AssertRejected(rig, good.AsSpan(0, 10).ToArray(), LinkRejectReason.Truncated);
        AssertRejected(rig, new byte[LinkProtocol.MaxFrameSize + 1], LinkRejectReason.Oversized);
        AssertRejected(rig, new byte[4000], LinkRejectReason.Oversized);

        byte[] version = (byte[])good.Clone();
        version[0] = 2;
        AssertRejected(rig, version, LinkRejectReason.BadVersion);

        byte[] trailing = new byte[good.Length + 3];
        good.CopyTo(trailing, 0);
        AssertRejected(rig, trailing, LinkRejectReason.BadLength);

        byte[] garbled = (byte[])good.Clone();
        garbled[LinkProtocol.OffsetSequence] ^= 0x40;
        AssertRejected(rig, garbled, LinkRejectReason.BadTag);

        AssertRejected(rig, console.Frame(LinkMessageType.Response), LinkRejectReason.WrongDirection);

        // The genuine frame still works after all of that: the session did not move.
        Assert.Empty(rig.Send(good));
        Assert.Equal(1, rig.Control.HeartbeatCount);
        AssertRejected(rig, good, LinkRejectReason.Replayed);

        byte[] first = console.Frame(LinkMessageType.Heartbeat);
        byte[] second = console.Frame(LinkMessageType.Heartbeat);
        Assert.Empty(rig.Send(second));
        AssertRejected(rig, first, LinkRejectReason.Reordered);
    }

    [Fact]
    public void Every_single_bit_flip_anywhere_in_an_authenticated_frame_is_rejected()
    {
        var rig = new LinkTestRig(rejectBurst: 100000);
        var console = rig.Connect();
        byte[] payload = new byte[LinkPayloads.SettingsSize];
        LinkPayloads.WriteSettings(new ChamberSettings(), payload, 0);
        byte[] good = console.Frame(LinkMessageType.SetSettings, payload);
        for (int bit = 0; bit < good.Length * 8; bit++)
        {
            byte[] flipped = (byte[])good.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            rig.Send(flipped);
            Assert.NotEqual(LinkRejectReason.None, rig.Server.LastRejectReason);
        }

        Assert.Equal(0, rig.Control.ApplySettingsCount);
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(good)).Result);
        Assert.Equal(1, rig.Control.ApplySettingsCount);
    }

    [Fact]
    public void Frames_recorded_in_one_session_are_worthless_in_the_next_and_after_a_reboot()
    {
        var rig = new LinkTestRig(rejectBurst: 1000);
        var console = rig.Connect(seed: 11);
        byte[] recordedArm = console.Frame(LinkMessageType.Arm, new byte[LinkPayloads.ProfileSize]);
        byte[] recordedHeartbeat = console.Frame(LinkMessageType.Heartbeat);
        byte[] recordedHello = console.Hello();

        // Same transport, new session (even with the console reusing its own nonce).
        rig.Server.OnTransportClosed();
        var again = new TestConsole(LinkTestRig.DeviceKey, 11);
        console.ConsoleNonce.CopyTo(again.ConsoleNonce, 0);
        Assert.True(again.AcceptChallenge(rig.Send(recordedHello)));
        again.OpenResponse(rig.Send(again.Frame(LinkMessageType.SessionConfirm)));
        Assert.True(rig.Server.IsSessionBound);
        AssertRejected(rig, recordedArm, LinkRejectReason.BadTag);
        AssertRejected(rig, recordedHeartbeat, LinkRejectReason.BadTag);

        // Reboot: a new server with the same key and a fresh nonce stream.
        var rebooted = new LinkTestRig(rejectBurst: 1000, nonceSeed: 2);
        rebooted.Connect(seed: 11);
        AssertRejected(rebooted, recordedArm, LinkRejectReason.BadTag);
        Assert.Equal(0, rig.Control.ArmCount + rebooted.Control.ArmCount);
    }

    [Fact]
    public void A_replayed_session_confirm_cannot_rebind_a_session()
    {
        var rig = new LinkTestRig(rejectBurst: 1000);
        var console = new TestConsole(LinkTestRig.DeviceKey, 11);
        Assert.True(console.AcceptChallenge(rig.Send(console.Hello())));
        byte[] confirm = console.Frame(LinkMessageType.SessionConfirm);
        console.OpenResponse(rig.Send(confirm));
        rig.Server.OnTransportClosed();

        AssertRejected(rig, confirm, LinkRejectReason.NoSession);
        Assert.False(rig.Server.IsSessionBound);
    }

    [Fact]
    public void Frames_signed_with_another_key_are_rejected()
    {
        var rig = new LinkTestRig(rejectBurst: 1000);
        rig.Connect();
        var impostor = new TestConsole(LinkTestRig.CreateKey(999), 3);
        Assert.False(impostor.AcceptChallenge(rig.Send(impostor.Hello())));
        impostor.Session.Establish(LinkServerSessionTests.KeyedMac(LinkTestRig.CreateKey(999)), new byte[16], 0, impostor.ConsoleNonce, 0, asDevice: false);
        AssertRejected(rig, impostor.Frame(LinkMessageType.SessionConfirm), LinkRejectReason.BadTag);
        AssertRejected(rig, impostor.Frame(LinkMessageType.Start), LinkRejectReason.BadTag);
    }

    [Fact]
    public void Unauthenticated_configuration_and_provisioning_attempts_change_nothing()
    {
        var rig = new LinkTestRig(rejectBurst: 1000);
        rig.Jumper.IsFitted = true;

        // No session at all: zero tags, random tags, every command type.
        var random = new Random(17);
        foreach (LinkMessageType type in Enum.GetValues<LinkMessageType>())
        {
            if (type is LinkMessageType.Hello or LinkMessageType.FactoryProvision)
            {
                continue;
            }

            int payloadLength = type switch
            {
                LinkMessageType.Arm => LinkPayloads.ProfileSize,
                LinkMessageType.SetSettings or LinkMessageType.ProvisionSettings => LinkPayloads.SettingsSize,
                LinkMessageType.ProvisionLinkKey => LinkProtocol.DeviceKeySize,
                _ => 0,
            };
            byte[] frame = new byte[LinkProtocol.MinFrameSize + payloadLength];
            random.NextBytes(frame);
            LinkFrame.WriteHeader(frame, 0, (byte)type, 1, payloadLength);
            rig.Send(frame);
            Assert.NotEqual(LinkRejectReason.None, rig.Server.LastRejectReason);
        }

        // With a bound session, forged tags on configuration commands.
        var console = rig.Connect();
        foreach (var type in new[] { LinkMessageType.SetSettings, LinkMessageType.ProvisionBegin, LinkMessageType.ProvisionLinkKey, LinkMessageType.ProvisionCommit })
        {
            byte[] frame = console.Frame(type, type == LinkMessageType.SetSettings ? new byte[24] : type == LinkMessageType.ProvisionLinkKey ? new byte[32] : null);
            frame[^1] ^= 1;
            AssertRejected(rig, frame, LinkRejectReason.BadTag);
        }

        Assert.Equal(0, rig.Control.ActuationCalls);
        Assert.Empty(rig.Provisioning.Calls);
        Assert.Equal(LinkTestRig.DeviceKey, rig.Provisioning.CommittedKey);
    }

    [Fact]
    public void Flooding_drains_the_budget_then_frames_are_dropped_unread_until_it_refills()
    {
        var rig = new LinkTestRig(rejectBurst: 20, rejectPerSecond: 10);
        byte[] garbage = new byte[40];
        new Random(3).NextBytes(garbage);
        garbage[0] = 1;
        LittleEndian.WriteUInt16(garbage, 2, 16);
        garbage[1] = (byte)LinkMessageType.Heartbeat;

        for (int i = 0; i < 1000; i++)
        {
            rig.Send(garbage);
        }

        Assert.Equal(20, rig.Server.GetRejectCount(LinkRejectReason.NoSession));
        Assert.Equal(980, rig.Server.GetRejectCount(LinkRejectReason.RateLimited));

        // 1 s later, 10 more are read; the flood never got a frame accepted.
        rig.Clock.AdvanceMilliseconds(1000);
        for (int i = 0; i < 100; i++)
        {
            rig.Send(garbage);
        }

        Assert.Equal(30, rig.Server.GetRejectCount(LinkRejectReason.NoSession));
        Assert.Equal(1070, rig.Server.GetRejectCount(LinkRejectReason.RateLimited));
        Assert.Equal(0, rig.Server.AcceptedFrameCount);

        // A genuine console gets through once the flood stops and the budget is back.
        rig.Clock.AdvanceMilliseconds(3000);
        var console = rig.Connect();
        rig.Send(console.Frame(LinkMessageType.Heartbeat));
        Assert.Equal(1, rig.Control.HeartbeatCount);
    }

    [Fact]
    public void Every_hello_spends_the_flood_budget_even_when_it_is_answered()
    {
        var rig = new LinkTestRig(rejectBurst: 3, rejectPerSecond: 10);
        for (int i = 0; i < 3; i++)
        {
            Assert.NotEmpty(rig.Send(new TestConsole(LinkTestRig.DeviceKey, i).Hello()));
        }

        Assert.Empty(rig.Send(new TestConsole(LinkTestRig.DeviceKey, 3).Hello()));
        Assert.Equal(LinkRejectReason.RateLimited, rig.Server.LastRejectReason);
        rig.Clock.AdvanceMilliseconds(100);
        Assert.NotEmpty(rig.Send(new TestConsole(LinkTestRig.DeviceKey, 4).Hello()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(LinkProtocol.NonceSize - 1)]
    [InlineData(LinkProtocol.NonceSize + 1)]
    public void A_hello_whose_payload_is_not_one_nonce_is_refused_and_leaves_the_handshake_alone(int payloadLength)
    {
        var rig = new LinkTestRig();
        var console = new TestConsole(LinkTestRig.DeviceKey, 11);
        Assert.True(console.AcceptChallenge(rig.Send(console.Hello())));
        byte[] frame = new byte[LinkProtocol.MinFrameSize + payloadLength];
        new Random(payloadLength).NextBytes(frame);
        LinkFrame.WriteUnauthenticated(frame, 0, (byte)LinkMessageType.Hello, payloadLength);

        Assert.Empty(rig.Send(frame));
        Assert.Equal(LinkRejectReason.BadPayload, rig.Server.LastRejectReason);
        Assert.Equal(1, rig.Server.GetRejectCount(LinkRejectReason.BadPayload));
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.SessionConfirm))).Result);
    }

    [Fact]
    public void A_response_buffer_too_small_is_reported_not_thrown()
    {
        var rig = new LinkTestRig();
        var console = new TestConsole(LinkTestRig.DeviceKey, 1);
        byte[] hello = console.Hello();
        Assert.Equal(0, rig.Server.ProcessFrame(hello, 0, hello.Length, new byte[100], 0));
        Assert.Equal(LinkRejectReason.ResponseBufferTooSmall, rig.Server.LastRejectReason);
        Assert.Equal(0, rig.Server.ProcessFrame(hello, -5, 99999, new byte[LinkProtocol.MaxFrameSize], 0));
        Assert.Equal(0, rig.Server.ProcessFrame(null!, 0, 10, new byte[LinkProtocol.MaxFrameSize], 0));
    }
}
