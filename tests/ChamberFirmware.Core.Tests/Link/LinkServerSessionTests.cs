using System;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Core.Wire;
using Xunit;

namespace ChamberFirmware.Core.Tests.Link;

public class LinkServerSessionTests
{
    [Fact]
    public void Hello_and_confirm_bind_a_session_and_heartbeats_reach_the_chamber()
    {
        var rig = new LinkTestRig();
        var console = rig.Connect();
        Assert.Empty(rig.Send(console.Frame(LinkMessageType.Heartbeat)));
        rig.Clock.AdvanceMilliseconds(50);
        Assert.Empty(rig.Send(console.Frame(LinkMessageType.Heartbeat)));
        Assert.Equal(2, rig.Control.HeartbeatCount);
        Assert.Equal(rig.Clock.NowMicroseconds, rig.Control.LastHeartbeatMicroseconds);
    }

    [Fact]
    public void Arm_carries_every_profile_field_and_the_rejected_field_comes_back()
    {
        var rig = new LinkTestRig();
        var console = rig.Connect();
        var profile = new TreatmentProfile
        {
            TargetCount = 200000, CountLimit = 400000, GrowthLimitPermillePerSecond = 120,
            DurationMilliseconds = 600000, RampChannelsPerSecond = 2, MaxActiveChannels = 6,
        };
        byte[] payload = new byte[LinkPayloads.ProfileSize];
        LinkPayloads.WriteProfile(profile, payload, 0);
        rig.Control.NextResult = CommandResult.ProfileRejected;
        rig.Control.RejectedProfileField = ProfileField.RampRate;

        var (result, detail, _, request) = console.OpenResponse(rig.Send(console.Frame(LinkMessageType.Arm, payload)));

        Assert.Equal(LinkMessageType.Arm, request);
        Assert.Equal(CommandResult.ProfileRejected, result);
        Assert.Equal((int)ProfileField.RampRate, detail);
        var got = rig.Control.LastProfile!;
        Assert.Equal(
            (profile.TargetCount, profile.CountLimit, profile.GrowthLimitPermillePerSecond, profile.DurationMilliseconds, profile.RampChannelsPerSecond, profile.MaxActiveChannels),
            (got.TargetCount, got.CountLimit, got.GrowthLimitPermillePerSecond, got.DurationMilliseconds, got.RampChannelsPerSecond, got.MaxActiveChannels));
    }

    [Fact]
    public void Start_stop_clear_and_settings_return_their_results_and_details()
    {
        var rig = new LinkTestRig();
        var console = rig.Connect();
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.Start))).Result);
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.Stop))).Result);

        rig.Control.NextResult = CommandResult.ClearRefused;
        rig.Control.StillPresent = CutReasons.Overcount | CutReasons.OverTemperature;
        var clear = console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ClearFault)));
        Assert.Equal(CommandResult.ClearRefused, clear.Result);
        Assert.Equal((int)(CutReasons.Overcount | CutReasons.OverTemperature), clear.Detail);

        var settings = new ChamberSettings { LinkTimeoutMilliseconds = 400, OverTemperatureCentiCelsius = 4000, RearmCountPermille = 300, RearmHeartbeats = 9, CounterGainPermille = 990, TemperatureOffsetCentiCelsius = -25 };
        byte[] payload = new byte[LinkPayloads.SettingsSize];
        LinkPayloads.WriteSettings(settings, payload, 0);
        rig.Control.NextResult = CommandResult.SettingsRejected;
        rig.Control.RejectedSettingsField = SettingsField.RearmHeartbeats;
        var set = console.OpenResponse(rig.Send(console.Frame(LinkMessageType.SetSettings, payload)));
        Assert.Equal(CommandResult.SettingsRejected, set.Result);
        Assert.Equal((int)SettingsField.RearmHeartbeats, set.Detail);
        var got = rig.Control.LastSettings!;
        Assert.Equal((400, 4000, 300, 9, 990, -25), (got.LinkTimeoutMilliseconds, got.OverTemperatureCentiCelsius, got.RearmCountPermille, got.RearmHeartbeats, got.CounterGainPermille, got.TemperatureOffsetCentiCelsius));
        Assert.Equal((1, 1, 1, 1), (rig.Control.StartCount, rig.Control.StopCount, rig.Control.ClearCount, rig.Control.ApplySettingsCount));
    }

    [Fact]
    public void Get_status_and_telemetry_carry_every_status_field()
    {
        var rig = new LinkTestRig();
        var console = rig.Connect();
        rig.Control.State = ChamberState.SafeStop;
        var expected = new ChamberStatus();
        rig.Control.FillStatus(expected);

        var reply = console.OpenResponse(rig.Send(console.Frame(LinkMessageType.GetStatus)));
        Assert.Equal(CommandResult.Ok, reply.Result);
        var status = new ChamberStatus();
        LinkPayloads.ReadStatus(reply.Extra, 0, status);
        AssertSameStatus(expected, status);

        byte[] telemetry = new byte[LinkProtocol.MaxFrameSize];
        int length = rig.Server.BuildTelemetryFrame(telemetry, 0);
        Assert.Equal(LinkRejectReason.None, LinkFrame.ParseHeader(telemetry, 0, length, out byte type, out uint sequence, out int payloadLength));
        Assert.Equal((byte)LinkMessageType.Telemetry, type);
        Assert.Equal(LinkRejectReason.None, console.Session.Verify(telemetry, 0, payloadLength, sequence));
        var streamed = new ChamberStatus();
        LinkPayloads.ReadStatus(telemetry, LinkProtocol.HeaderSize, streamed);
        AssertSameStatus(expected, streamed);
    }

    [Fact]
    public void Unknown_authenticated_command_is_answered_unknown_and_malformed_payload_malformed()
    {
        var rig = new LinkTestRig();
        var console = rig.Connect();
        Assert.Equal(CommandResult.UnknownCommand, console.OpenResponse(rig.Send(console.Frame((LinkMessageType)0x5A))).Result);
        Assert.Equal(CommandResult.Malformed, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.Arm, new byte[23]))).Result);
        Assert.Equal(CommandResult.Malformed, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.Start, new byte[1]))).Result);
        Assert.Equal(0, rig.Control.ActuationCalls);
    }

    [Fact]
    public void A_heartbeat_of_another_session_does_not_count()
    {
        var rig = new LinkTestRig();
        var bound = rig.Connect(seed: 11);
        rig.Control.State = ChamberState.Active;

        // A second console with the right key completes a handshake while the chamber is Active:
        // refused, and its frames never count as the bound console's heartbeats.
        var other = new TestConsole(LinkTestRig.DeviceKey, 99);
        Assert.True(other.AcceptChallenge(rig.Send(other.Hello())));
        var refused = other.OpenResponse(rig.Send(other.Frame(LinkMessageType.SessionConfirm)));
        Assert.Equal(CommandResult.InvalidState, refused.Result);

        Assert.Empty(rig.Send(other.Frame(LinkMessageType.Heartbeat)));
        Assert.Equal(LinkRejectReason.BadTag, rig.Server.LastRejectReason);
        Assert.Equal(0, rig.Control.HeartbeatCount);

        rig.Send(bound.Frame(LinkMessageType.Heartbeat));
        Assert.Equal(1, rig.Control.HeartbeatCount);
    }

    [Fact]
    public void A_pending_hello_does_not_disturb_the_bound_session()
    {
        var rig = new LinkTestRig();
        var bound = rig.Connect(seed: 11);
        var other = new TestConsole(LinkTestRig.DeviceKey, 99);
        Assert.True(other.AcceptChallenge(rig.Send(other.Hello())));

        rig.Send(bound.Frame(LinkMessageType.Heartbeat));
        Assert.Equal(1, rig.Control.HeartbeatCount);

        // A heartbeat sealed in the pending (unconfirmed) session is not the bound console's.
        rig.Send(other.Frame(LinkMessageType.Heartbeat));
        Assert.Equal(1, rig.Control.HeartbeatCount);
    }

    [Fact]
    public void A_hello_sealed_in_the_bound_session_is_a_hello_and_leaves_the_session_bound()
    {
        // The link-payloads fuzz finding: a console seals a Hello in its own session. A Hello is
        // unauthenticated whatever its tag and sequence carry, so it opens a new pending handshake
        // (the challenge is under the new keys, not the bound session's) and touches nothing else.
        var rig = new LinkTestRig();
        var console = rig.Connect(seed: 11);
        byte[] nonce = new byte[LinkProtocol.NonceSize];
        new Random(5).NextBytes(nonce);

        byte[] challenge = rig.Send(console.Frame(LinkMessageType.Hello, nonce));

        Assert.Equal(LinkRejectReason.None, LinkFrame.ParseHeader(challenge, 0, challenge.Length, out byte type, out uint sequence, out int payloadLength));
        Assert.Equal((byte)LinkMessageType.HelloChallenge, type);
        Assert.Equal(nonce, challenge.AsSpan(LinkProtocol.HeaderSize + LinkProtocol.NonceSize, LinkProtocol.NonceSize).ToArray());
        var pending = new LinkSession();
        Assert.True(pending.Establish(KeyedMac(LinkTestRig.DeviceKey), challenge, LinkProtocol.HeaderSize, nonce, 0, asDevice: false));
        Assert.Equal(LinkRejectReason.None, pending.Verify(challenge, 0, payloadLength, sequence));
        Assert.Equal(LinkRejectReason.BadTag, console.Session.Verify(challenge, 0, payloadLength, sequence));

        Assert.True(rig.Server.IsSessionBound);
        rig.Send(console.Frame(LinkMessageType.Heartbeat));
        Assert.Equal(1, rig.Control.HeartbeatCount);
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.GetStatus))).Result);
    }

    [Theory]
    [InlineData(ChamberState.Idle)]
    [InlineData(ChamberState.Armed)]
    [InlineData(ChamberState.Completed)]
    [InlineData(ChamberState.SafeStop)]
    public void Outside_active_a_confirmed_new_session_takes_over_and_the_old_one_is_dead(ChamberState state)
    {
        var rig = new LinkTestRig();
        var old = rig.Connect(seed: 11);
        rig.Control.State = state;
        var fresh = rig.Connect(seed: 12);

        rig.Send(old.Frame(LinkMessageType.Heartbeat));
        Assert.Equal(LinkRejectReason.BadTag, rig.Server.LastRejectReason);
        rig.Send(fresh.Frame(LinkMessageType.Heartbeat));
        Assert.Equal(1, rig.Control.HeartbeatCount);
    }

    [Fact]
    public void Transport_close_reports_link_down_once_and_ends_the_session()
    {
        var rig = new LinkTestRig();
        var console = rig.Connect();
        rig.Server.OnTransportClosed();
        Assert.Equal(1, rig.Control.LinkDownCount);
        Assert.False(rig.Server.IsSessionBound);

        rig.Send(console.Frame(LinkMessageType.Heartbeat));
        Assert.Equal(LinkRejectReason.NoSession, rig.Server.LastRejectReason);
        Assert.Equal(0, rig.Control.HeartbeatCount);

        rig.Server.OnTransportClosed();
        Assert.Equal(1, rig.Control.LinkDownCount);
        Assert.Equal(0, rig.Server.BuildTelemetryFrame(new byte[LinkProtocol.MaxFrameSize], 0));
    }

    [Fact]
    public void Device_without_a_key_answers_hello_with_not_provisioned_and_nothing_can_arm()
    {
        var rig = new LinkTestRig(provisioned: false);
        var console = new TestConsole(new byte[32], 5);
        byte[] notice = rig.Send(console.Hello());
        Assert.Equal((byte)LinkMessageType.Notice, notice[LinkProtocol.OffsetType]);
        Assert.Equal((byte)CommandResult.NotProvisioned, notice[LinkProtocol.HeaderSize + 1]);
        Assert.Equal(LinkRejectReason.NotProvisioned, rig.Server.LastRejectReason);
        Assert.False(rig.Server.IsSessionBound);

        // Without a key there is no session, so no Arm frame can be authenticated: an all-zero
        // "default" key is not a key.
        console.Session.Establish(KeyedMac(new byte[32]), new byte[16], 0, new byte[16], 0, asDevice: false);
        rig.Send(console.Frame(LinkMessageType.Arm, new byte[LinkPayloads.ProfileSize]));
        Assert.Equal(LinkRejectReason.NoSession, rig.Server.LastRejectReason);
        Assert.Equal(0, rig.Control.ArmCount);
    }

    [Fact]
    public void A_valid_heartbeat_costs_the_device_two_sha256_compressions_and_allocates_nothing()
    {
        var rig = new LinkTestRig();
        var console = rig.Connect();
        byte[][] frames = new byte[1001][];
        for (int i = 0; i < frames.Length; i++)
        {
            frames[i] = console.Frame(LinkMessageType.Heartbeat);
        }

        byte[] response = new byte[LinkProtocol.MaxFrameSize];
        rig.Server.ProcessFrame(frames[0], 0, frames[0].Length, response, 0);
        long compressionsBefore = rig.Server.BoundSessionCompressions;
        long bytesBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 1; i < frames.Length; i++)
        {
            rig.Server.ProcessFrame(frames[i], 0, frames[i].Length, response, 0);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
        Assert.Equal(0, allocated);
        Assert.Equal(1001, rig.Control.HeartbeatCount);
        Assert.Equal(2 * 1000, rig.Server.BoundSessionCompressions - compressionsBefore);
    }

    [Fact]
    public void Telemetry_frames_allocate_nothing()
    {
        var rig = new LinkTestRig();
        rig.Connect();
        byte[] buffer = new byte[LinkProtocol.MaxFrameSize];
        rig.Server.BuildTelemetryFrame(buffer, 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            Assert.True(rig.Server.BuildTelemetryFrame(buffer, 0) > 0);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void The_server_refuses_to_be_built_without_any_of_its_collaborators()
    {
        var rig = new LinkTestRig();
        var control = rig.Control;
        var store = rig.Provisioning;
        var jumper = rig.Jumper;
        var nonces = new SeededNonceSource(1);
        var clock = rig.Clock;
        Assert.Throws<ArgumentNullException>(() => new LinkServer(null!, store, store, jumper, nonces, clock));
        Assert.Throws<ArgumentNullException>(() => new LinkServer(control, null!, store, jumper, nonces, clock));
        Assert.Throws<ArgumentNullException>(() => new LinkServer(control, store, null!, jumper, nonces, clock));
        Assert.Throws<ArgumentNullException>(() => new LinkServer(control, store, store, null!, nonces, clock));
        Assert.Throws<ArgumentNullException>(() => new LinkServer(control, store, store, jumper, null!, clock));
        Assert.Throws<ArgumentNullException>(() => new LinkServer(control, store, store, jumper, nonces, null!));
    }

    [Fact]
    public void Reject_counts_outside_the_reasons_read_as_zero()
    {
        var rig = new LinkTestRig();
        rig.Send(Array.Empty<byte>());
        Assert.Equal(1, rig.Server.GetRejectCount(LinkRejectReason.Truncated));
        Assert.Equal(0, rig.Server.GetRejectCount(LinkRejectReason.Count));
        Assert.Equal(0, rig.Server.GetRejectCount((LinkRejectReason)200));
    }

    [Fact]
    public void Telemetry_without_a_session_or_without_room_writes_nothing()
    {
        var rig = new LinkTestRig();
        byte[] buffer = new byte[LinkProtocol.MaxFrameSize];
        buffer.AsSpan().Fill(0xEE);
        Assert.Equal(0, rig.Server.BuildTelemetryFrame(buffer, 0));
        Assert.All(buffer, b => Assert.Equal(0xEE, b));

        rig.Connect();
        byte[] small = new byte[LinkProtocol.MinFrameSize + LinkPayloads.StatusSize - 1];
        small.AsSpan().Fill(0xEE);
        Assert.Equal(0, rig.Server.BuildTelemetryFrame(small, 0));
        Assert.All(small, b => Assert.Equal(0xEE, b));
        Assert.Equal(0, rig.Server.BuildTelemetryFrame(buffer, LinkProtocol.MaxFrameSize - LinkProtocol.MinFrameSize - LinkPayloads.StatusSize + 1));
        Assert.All(buffer, b => Assert.Equal(0xEE, b));
    }

    [Fact]
    public void Telemetry_reports_the_status_of_the_moment_it_is_built()
    {
        var rig = new LinkTestRig();
        var console = rig.Connect();
        rig.Control.State = ChamberState.SafeStop;
        rig.Control.Count = 777;

        byte[] telemetry = new byte[LinkProtocol.MaxFrameSize];
        int length = rig.Server.BuildTelemetryFrame(telemetry, 0);
        Assert.Equal(LinkRejectReason.None, LinkFrame.ParseHeader(telemetry, 0, length, out _, out uint sequence, out int payloadLength));
        Assert.Equal(LinkRejectReason.None, console.Session.Verify(telemetry, 0, payloadLength, sequence));
        var status = new ChamberStatus();
        LinkPayloads.ReadStatus(telemetry, LinkProtocol.HeaderSize, status);
        Assert.Equal((ChamberState.SafeStop, 777), (status.State, status.Count));
    }

    [Fact]
    public void The_confirm_is_answered_with_its_sequence_and_the_chamber_status()
    {
        var rig = new LinkTestRig();
        rig.Control.State = ChamberState.Completed;
        var console = new TestConsole(LinkTestRig.DeviceKey, 11);
        Assert.True(console.AcceptChallenge(rig.Send(console.Hello())));
        byte[] confirm = console.Frame(LinkMessageType.SessionConfirm);
        uint confirmSequence = LittleEndian.ReadUInt32(confirm, LinkProtocol.OffsetSequence);

        byte[] response = rig.Send(confirm);
        var (result, _, extra, request) = console.OpenResponse(response);
        Assert.Equal((CommandResult.Ok, LinkMessageType.SessionConfirm), (result, request));
        Assert.Equal(confirmSequence, LittleEndian.ReadUInt32(response, LinkProtocol.HeaderSize + 1));
        var expected = new ChamberStatus();
        rig.Control.FillStatus(expected);
        var status = new ChamberStatus();
        Assert.Equal(LinkPayloads.StatusSize, extra.Length);
        LinkPayloads.ReadStatus(extra, 0, status);
        AssertSameStatus(expected, status);
    }

    [Fact]
    public void Every_response_names_the_request_and_its_sequence()
    {
        var rig = new LinkTestRig();
        var console = rig.Connect();
        rig.Send(console.Frame(LinkMessageType.Heartbeat));
        rig.Send(console.Frame(LinkMessageType.Heartbeat));
        byte[] stop = console.Frame(LinkMessageType.Stop);
        byte[] response = rig.Send(stop);
        Assert.Equal(LinkMessageType.Stop, console.OpenResponse(response).Request);
        Assert.Equal(LittleEndian.ReadUInt32(stop, LinkProtocol.OffsetSequence), LittleEndian.ReadUInt32(response, LinkProtocol.HeaderSize + 1));
        Assert.Equal(4u, LittleEndian.ReadUInt32(response, LinkProtocol.HeaderSize + 1));
    }

    [Fact]
    public void Each_accepted_frame_counts_once_and_nothing_else_counts()
    {
        var rig = new LinkTestRig();
        var console = new TestConsole(LinkTestRig.DeviceKey, 11);
        Assert.True(console.AcceptChallenge(rig.Send(console.Hello())));
        Assert.Equal(1, rig.Server.AcceptedFrameCount);
        console.OpenResponse(rig.Send(console.Frame(LinkMessageType.SessionConfirm)));
        Assert.Equal(2, rig.Server.AcceptedFrameCount);
        rig.Send(console.Frame(LinkMessageType.Heartbeat));
        Assert.Equal(3, rig.Server.AcceptedFrameCount);
        rig.Send(Array.Empty<byte>());
        Assert.Equal(3, rig.Server.AcceptedFrameCount);
    }

    [Fact]
    public void A_confirm_with_a_payload_is_malformed_binds_nothing_and_cannot_be_replayed()
    {
        var rig = new LinkTestRig();
        var console = new TestConsole(LinkTestRig.DeviceKey, 11);
        Assert.True(console.AcceptChallenge(rig.Send(console.Hello())));
        byte[] odd = console.Frame(LinkMessageType.SessionConfirm, new byte[] { 1 });

        // Answered in the pending session (the console proved the key), but nothing is bound.
        Assert.Equal(CommandResult.Malformed, console.OpenResponse(rig.Send(odd)).Result);
        Assert.False(rig.Server.IsSessionBound);
        Assert.Empty(rig.Send(odd));
        Assert.Equal(LinkRejectReason.Replayed, rig.Server.LastRejectReason);

        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.SessionConfirm))).Result);
        Assert.True(rig.Server.IsSessionBound);
    }

    [Fact]
    public void The_first_console_binds_even_while_the_chamber_reports_active()
    {
        // The refusal protects a bound console's treatment; with none bound there is nobody to protect.
        var rig = new LinkTestRig();
        rig.Control.State = ChamberState.Active;
        var console = rig.Connect();
        rig.Send(console.Frame(LinkMessageType.Heartbeat));
        Assert.Equal(1, rig.Control.HeartbeatCount);
    }

    [Fact]
    public void A_refused_newcomer_must_handshake_again_once_the_treatment_is_over()
    {
        var rig = new LinkTestRig();
        var bound = rig.Connect(seed: 11);
        rig.Control.State = ChamberState.Active;
        var other = new TestConsole(LinkTestRig.DeviceKey, 99);
        Assert.True(other.AcceptChallenge(rig.Send(other.Hello())));
        Assert.Equal(CommandResult.InvalidState, other.OpenResponse(rig.Send(other.Frame(LinkMessageType.SessionConfirm))).Result);

        // Its handshake was dropped: a later confirm of it binds nothing, even outside Active.
        rig.Control.State = ChamberState.Idle;
        Assert.Empty(rig.Send(other.Frame(LinkMessageType.SessionConfirm)));
        Assert.Equal(LinkRejectReason.NoSession, rig.Server.LastRejectReason);
        rig.Send(bound.Frame(LinkMessageType.Heartbeat));
        Assert.Equal(1, rig.Control.HeartbeatCount);
    }

    [Fact]
    public void A_console_that_was_taken_over_cannot_confirm_its_old_session_again()
    {
        var rig = new LinkTestRig();
        var old = rig.Connect(seed: 11);
        var fresh = rig.Connect(seed: 12);

        // The old session is gone from the device altogether, not parked as a pending handshake.
        Assert.Empty(rig.Send(old.Frame(LinkMessageType.SessionConfirm)));
        Assert.Equal(LinkRejectReason.NoSession, rig.Server.LastRejectReason);
        rig.Send(fresh.Frame(LinkMessageType.Heartbeat));
        Assert.Equal(1, rig.Control.HeartbeatCount);
        rig.Send(old.Frame(LinkMessageType.Heartbeat));
        Assert.Equal(LinkRejectReason.BadTag, rig.Server.LastRejectReason);
        Assert.Equal(1, rig.Control.HeartbeatCount);
    }

    internal static Core.Crypto.HmacSha256 KeyedMac(byte[] key)
    {
        var mac = new Core.Crypto.HmacSha256();
        mac.SetKey(key, 0, key.Length);
        return mac;
    }

    private static void AssertSameStatus(ChamberStatus expected, ChamberStatus actual)
    {
        Assert.Equal(expected.State, actual.State);
        Assert.Equal(expected.LatchedReasons, actual.LatchedReasons);
        Assert.Equal(expected.LastCutReasons, actual.LastCutReasons);
        Assert.Equal(expected.UptimeMicroseconds, actual.UptimeMicroseconds);
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.GrowthPermillePerSecond, actual.GrowthPermillePerSecond);
        Assert.Equal(expected.ActiveEmitterMask, actual.ActiveEmitterMask);
        Assert.Equal(expected.LinkAgeMilliseconds, actual.LinkAgeMilliseconds);
        Assert.Equal(expected.TemperatureCentiCelsius, actual.TemperatureCentiCelsius);
        Assert.Equal(expected.CountLimit, actual.CountLimit);
        Assert.Equal(expected.TargetCount, actual.TargetCount);
        Assert.Equal(expected.RemainingMilliseconds, actual.RemainingMilliseconds);
        Assert.Equal(expected.Provisioned, actual.Provisioned);
    }
}
