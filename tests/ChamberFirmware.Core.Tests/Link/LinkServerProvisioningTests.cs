using System;
using System.Text;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Treatment;
using Xunit;

namespace ChamberFirmware.Core.Tests.Link;

public class LinkServerProvisioningTests
{
    private static byte[] FactoryFrame(byte[] key)
    {
        byte[] frame = new byte[LinkProtocol.MaxFrameSize];
        key.CopyTo(frame, LinkProtocol.HeaderSize);
        int length = LinkFrame.WriteUnauthenticated(frame, 0, (byte)LinkMessageType.FactoryProvision, key.Length);
        return frame.AsSpan(0, length).ToArray();
    }

    private static CommandResult NoticeResult(byte[] notice)
    {
        Assert.Equal((byte)LinkMessageType.Notice, notice[LinkProtocol.OffsetType]);
        Assert.Equal((byte)LinkMessageType.FactoryProvision, notice[LinkProtocol.HeaderSize]);
        return (CommandResult)notice[LinkProtocol.HeaderSize + 1];
    }

    [Fact]
    public void Factory_provisioning_without_the_jumper_is_refused_and_writes_nothing()
    {
        var rig = new LinkTestRig(provisioned: false);
        rig.Jumper.IsFitted = false;
        Assert.Equal(CommandResult.ProvisioningRefused, NoticeResult(rig.Send(FactoryFrame(LinkTestRig.DeviceKey))));
        Assert.Equal(LinkRejectReason.ProvisioningRefused, rig.Server.LastRejectReason);
        Assert.Empty(rig.Provisioning.Calls);
        Assert.True(rig.Provisioning.IsFactoryState);
        Assert.False(rig.Server.HasDeviceKey);
    }

    [Fact]
    public void Factory_provisioning_with_the_jumper_opens_one_session_and_stores_nothing_until_its_commit()
    {
        var rig = FactoryKeyedBoard();
        Assert.Empty(rig.Provisioning.Calls);
        Assert.Null(rig.Provisioning.CommittedKey);
        Assert.False(rig.Server.HasDeviceKey);
        Assert.True(rig.Server.HasProvisionalKey);

        // The provisional key opens a session that provisions and reads status but never actuates.
        var console = rig.Connect();
        rig.Send(console.Frame(LinkMessageType.Heartbeat));
        Assert.Equal(1, rig.Control.HeartbeatCount);
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.GetStatus))).Result);
        byte[] profile = new byte[LinkPayloads.ProfileSize];
        LinkPayloads.WriteProfile(new TreatmentProfile(), profile, 0);
        Assert.Equal(CommandResult.NotProvisioned, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.Arm, profile))).Result);
        Assert.Equal(CommandResult.NotProvisioned, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.Start))).Result);
        byte[] settings = new byte[LinkPayloads.SettingsSize];
        LinkPayloads.WriteSettings(new ChamberSettings(), settings, 0);
        Assert.Equal(CommandResult.NotProvisioned, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.SetSettings, settings))).Result);
        Assert.Equal(0, rig.Control.ActuationCalls);

        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionBegin))).Result);
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionIdentity, Identity("CH-1", "A1")))).Result);
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionLinkKey, LinkTestRig.DeviceKey))).Result);
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionCommit))).Result);
        Assert.Equal(LinkTestRig.DeviceKey, rig.Provisioning.CommittedKey);
        Assert.True(rig.Server.HasDeviceKey);
        Assert.False(rig.Server.HasProvisionalKey);

        // Stored now: the key survives the link and opens ordinary sessions.
        rig.Server.OnTransportClosed();
        rig.Connect(seed: 12);
    }

    [Fact]
    public void A_factory_commit_spends_the_jumper_until_it_is_pulled_and_refitted()
    {
        var rig = FactoryKeyedBoard();
        var console = rig.Connect();
        console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionBegin)));
        console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionIdentity, Identity("CH-1", "A1"))));
        console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionLinkKey, LinkTestRig.DeviceKey)));
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionCommit))).Result);
        rig.Server.OnTransportClosed();

        // The board loses its configuration with the jumper still fitted: no new first key.
        rig.Provisioning.LoseConfiguration();
        rig.Server.ReloadDeviceKey();
        Assert.False(rig.Server.HasDeviceKey);
        Assert.Equal(CommandResult.ProvisioningRefused, NoticeResult(rig.Send(FactoryFrame(LinkTestRig.CreateKey(4)))));
        rig.Server.BuildTelemetryFrame(new byte[LinkProtocol.MaxFrameSize], 0);
        Assert.Equal(CommandResult.ProvisioningRefused, NoticeResult(rig.Send(FactoryFrame(LinkTestRig.CreateKey(4)))));

        // Pulled (seen by the periodic link step) and refitted: physical presence again.
        rig.Jumper.IsFitted = false;
        rig.Server.BuildTelemetryFrame(new byte[LinkProtocol.MaxFrameSize], 0);
        rig.Jumper.IsFitted = true;
        Assert.Equal(CommandResult.Ok, NoticeResult(rig.Send(FactoryFrame(LinkTestRig.CreateKey(4)))));
    }

    [Fact]
    public void A_factory_key_never_committed_is_forgotten_when_the_link_drops()
    {
        var rig = FactoryKeyedBoard();
        var console = rig.Connect();
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionBegin))).Result);
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionLinkKey, LinkTestRig.DeviceKey))).Result);

        rig.Server.OnTransportClosed();
        Assert.Equal("Abort", rig.Provisioning.Calls[^1]);
        Assert.Null(rig.Provisioning.CommittedKey);
        Assert.False(rig.Server.HasProvisionalKey);
        var again = new TestConsole(LinkTestRig.DeviceKey, 13);
        byte[] notice = rig.Send(again.Hello());
        Assert.Equal((byte)LinkMessageType.Notice, notice[LinkProtocol.OffsetType]);
        Assert.Equal((byte)CommandResult.NotProvisioned, notice[LinkProtocol.HeaderSize + 1]);

        // Still in factory state: the exchange can start over.
        Assert.Equal(CommandResult.Ok, NoticeResult(rig.Send(FactoryFrame(LinkTestRig.CreateKey(3)))));
    }

    [Fact]
    public void Removing_the_jumper_stops_the_factory_transaction_and_its_key()
    {
        var rig = FactoryKeyedBoard();
        var console = rig.Connect();
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionBegin))).Result);
        rig.Jumper.IsFitted = false;
        Assert.Equal(CommandResult.ProvisioningRefused, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionCommit))).Result);
        Assert.Null(rig.Provisioning.CommittedKey);

        // Nor does a provisional key open a session without the jumper.
        rig.Server.OnTransportClosed();
        rig.Jumper.IsFitted = true;
        Assert.Equal(CommandResult.Ok, NoticeResult(rig.Send(FactoryFrame(LinkTestRig.DeviceKey))));
        rig.Jumper.IsFitted = false;
        byte[] notice = rig.Send(new TestConsole(LinkTestRig.DeviceKey, 14).Hello());
        Assert.Equal((byte)LinkMessageType.Notice, notice[LinkProtocol.OffsetType]);
        Assert.Equal((byte)CommandResult.NotProvisioned, notice[LinkProtocol.HeaderSize + 1]);
    }

    [Fact]
    public void Once_a_key_exists_factory_provisioning_is_refused_even_with_the_jumper()
    {
        var rig = new LinkTestRig(provisioned: true);
        rig.Jumper.IsFitted = true;
        Assert.Equal(CommandResult.ProvisioningRefused, NoticeResult(rig.Send(FactoryFrame(LinkTestRig.CreateKey(666)))));
        Assert.Empty(rig.Provisioning.Calls);
        Assert.Equal(LinkTestRig.DeviceKey, rig.Provisioning.CommittedKey);
    }

    [Fact]
    public void Malformed_factory_key_is_refused_and_installs_nothing()
    {
        var rig = new LinkTestRig(provisioned: false);
        rig.Jumper.IsFitted = true;
        Assert.Equal(CommandResult.Malformed, NoticeResult(rig.Send(FactoryFrame(new byte[16]))));
        Assert.Equal(LinkRejectReason.BadPayload, rig.Server.LastRejectReason);
        Assert.Equal(CommandResult.Malformed, NoticeResult(rig.Send(FactoryFrame(new byte[LinkProtocol.DeviceKeySize]))));
        Assert.Empty(rig.Provisioning.Calls);
        Assert.False(rig.Server.HasProvisionalKey);
        Assert.False(rig.Server.HasDeviceKey);
    }

    [Fact]
    public void Re_provisioning_over_an_authenticated_session_replaces_key_identity_and_settings()
    {
        var rig = new LinkTestRig();
        var console = rig.Connect();
        byte[] newKey = LinkTestRig.CreateKey(42);
        byte[] identity = Identity("CH-000123", "B2");
        byte[] settings = new byte[LinkPayloads.SettingsSize];
        LinkPayloads.WriteSettings(new ChamberSettings { LinkTimeoutMilliseconds = 300 }, settings, 0);

        Assert.Equal(CommandResult.InvalidState, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionLinkKey, newKey))).Result);
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionBegin))).Result);
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionIdentity, identity))).Result);
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionLinkKey, newKey))).Result);
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionSettings, settings))).Result);
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionCommit))).Result);

        Assert.Equal(newKey, rig.Provisioning.CommittedKey);
        Assert.Equal("CH-000123", rig.Provisioning.SerialNumber);
        Assert.Equal("B2", rig.Provisioning.HardwareRevision);
        Assert.Equal(300, rig.Provisioning.Settings!.LinkTimeoutMilliseconds);

        // The current session carries on; the next session needs the new key, the old key is dead.
        rig.Send(console.Frame(LinkMessageType.Heartbeat));
        Assert.Equal(1, rig.Control.HeartbeatCount);
        rig.Server.OnTransportClosed();
        var stale = new TestConsole(LinkTestRig.DeviceKey, 8);
        Assert.False(stale.AcceptChallenge(rig.Send(stale.Hello())));
        rig.Connect(seed: 9, key: newKey);
    }

    [Theory]
    [InlineData(ChamberState.Armed)]
    [InlineData(ChamberState.Active)]
    public void Provisioning_cannot_begin_while_a_treatment_is_armed_or_active(ChamberState state)
    {
        var rig = new LinkTestRig();
        var console = rig.Connect();
        rig.Control.State = state;
        Assert.Equal(CommandResult.InvalidState, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionBegin))).Result);
        Assert.Empty(rig.Provisioning.Calls);
    }

    [Theory]
    [InlineData(ChamberState.Armed)]
    [InlineData(ChamberState.Active)]
    [InlineData(ChamberState.Completed)]
    [InlineData(ChamberState.SafeStop)]
    public void A_transaction_begun_in_Idle_is_refused_and_dropped_at_every_later_step_outside_Idle(ChamberState state)
    {
        foreach (var step in new[] { LinkMessageType.ProvisionIdentity, LinkMessageType.ProvisionLinkKey, LinkMessageType.ProvisionSettings, LinkMessageType.ProvisionCommit })
        {
            var rig = new LinkTestRig();
            var console = rig.Connect();
            Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionBegin))).Result);
            rig.Control.State = state;
            byte[] payload = step switch
            {
                LinkMessageType.ProvisionIdentity => Identity("SN-1", "A"),
                LinkMessageType.ProvisionLinkKey => new byte[LinkProtocol.DeviceKeySize],
                LinkMessageType.ProvisionSettings => new byte[LinkPayloads.SettingsSize],
                _ => Array.Empty<byte>(),
            };
            Assert.Equal(CommandResult.InvalidState, console.OpenResponse(rig.Send(console.Frame(step, payload))).Result);

            // Back in Idle the dropped transaction cannot be committed: it has to begin again.
            rig.Control.State = ChamberState.Idle;
            Assert.Equal(CommandResult.InvalidState, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionCommit))).Result);
            Assert.DoesNotContain("Commit", rig.Provisioning.Calls);
            Assert.Equal(LinkTestRig.DeviceKey, rig.Provisioning.CommittedKey);
        }
    }

    [Fact]
    public void Malformed_identity_or_key_is_refused_and_a_lost_transport_aborts_the_transaction()
    {
        var rig = new LinkTestRig();
        var console = rig.Connect();
        console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionBegin)));
        foreach (byte[] bad in new[] { new byte[] { 0, 1, 65 }, new byte[] { 3, 65, 66 }, Identity("A\u0001B", "C"), Identity(new string('x', 33), "C"), new byte[] { 1, 65, 1, 66, 0 } })
        {
            Assert.Equal(CommandResult.Malformed, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionIdentity, bad))).Result);
        }

        Assert.Equal(CommandResult.Malformed, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionLinkKey, new byte[31]))).Result);
        Assert.Equal(new[] { "Begin" }, rig.Provisioning.Calls);
        rig.Server.OnTransportClosed();
        Assert.Equal(new[] { "Begin", "Abort" }, rig.Provisioning.Calls);
        Assert.Equal(LinkTestRig.DeviceKey, rig.Provisioning.CommittedKey);
    }

    [Fact]
    public void Refitting_the_jumper_does_not_revive_a_factory_transaction_its_removal_dropped()
    {
        var rig = FactoryKeyedBoard();
        var console = rig.Connect();
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionBegin))).Result);
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionIdentity, Identity("CH-1", "A1")))).Result);
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionLinkKey, LinkTestRig.DeviceKey))).Result);
        rig.Jumper.IsFitted = false;
        Assert.Equal(CommandResult.ProvisioningRefused, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionSettings, new byte[LinkPayloads.SettingsSize]))).Result);
        Assert.Equal("Abort", rig.Provisioning.Calls[^1]);

        rig.Jumper.IsFitted = true;
        Assert.Equal(CommandResult.InvalidState, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionCommit))).Result);
        Assert.DoesNotContain("Commit", rig.Provisioning.Calls);
        Assert.Null(rig.Provisioning.CommittedKey);
    }

    [Fact]
    public void Provision_abort_drops_the_transaction()
    {
        var rig = new LinkTestRig();
        var console = rig.Connect();
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionBegin))).Result);
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionLinkKey, LinkTestRig.CreateKey(5)))).Result);
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionAbort))).Result);
        Assert.Equal(new[] { "Begin", "StageLinkKey", "Abort" }, rig.Provisioning.Calls);

        Assert.Equal(CommandResult.InvalidState, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionCommit))).Result);
        Assert.Equal(new[] { "Begin", "StageLinkKey", "Abort" }, rig.Provisioning.Calls);
        Assert.Equal(LinkTestRig.DeviceKey, rig.Provisioning.CommittedKey);
    }

    [Fact]
    public void Provision_begin_with_a_payload_is_malformed_and_begins_nothing()
    {
        var rig = new LinkTestRig();
        var console = rig.Connect();
        Assert.Equal(CommandResult.Malformed, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionBegin, new byte[] { 0 }))).Result);
        Assert.Empty(rig.Provisioning.Calls);
        Assert.Equal(CommandResult.InvalidState, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionLinkKey, LinkTestRig.CreateKey(5)))).Result);
        Assert.Empty(rig.Provisioning.Calls);
    }

    [Fact]
    public void A_new_begin_aborts_the_open_transaction_before_it_begins()
    {
        var rig = new LinkTestRig();
        var console = rig.Connect();
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionBegin))).Result);
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionBegin))).Result);
        Assert.Equal(new[] { "Begin", "Abort", "Begin" }, rig.Provisioning.Calls);
    }

    [Fact]
    public void A_committed_transaction_is_closed_and_a_later_step_never_reaches_the_store()
    {
        var rig = new LinkTestRig();
        var console = rig.Connect();
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionBegin))).Result);
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionCommit))).Result);
        Assert.Equal(new[] { "Begin", "Commit" }, rig.Provisioning.Calls);

        Assert.Equal(CommandResult.InvalidState, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionLinkKey, LinkTestRig.CreateKey(5)))).Result);
        Assert.Equal(CommandResult.InvalidState, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionCommit))).Result);
        rig.Server.OnTransportClosed();
        Assert.Equal(new[] { "Begin", "Commit" }, rig.Provisioning.Calls);
    }

    [Fact]
    public void A_failed_commit_is_reported_and_aborts_the_transaction()
    {
        var rig = new LinkTestRig();
        var console = rig.Connect();
        rig.Provisioning.CommitResult = CommandResult.StorageFailed;
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionBegin))).Result);
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionLinkKey, LinkTestRig.CreateKey(5)))).Result);
        Assert.Equal(CommandResult.StorageFailed, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionCommit))).Result);
        Assert.Equal(new[] { "Begin", "StageLinkKey", "Commit", "Abort" }, rig.Provisioning.Calls);

        rig.Provisioning.CommitResult = CommandResult.Ok;
        Assert.Equal(CommandResult.InvalidState, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionCommit))).Result);
        rig.Server.OnTransportClosed();
        Assert.Equal(new[] { "Begin", "StageLinkKey", "Commit", "Abort" }, rig.Provisioning.Calls);
        Assert.Equal(LinkTestRig.DeviceKey, rig.Provisioning.CommittedKey);
    }

    [Fact]
    public void Identity_fields_of_one_and_of_thirty_two_printable_characters_are_taken_as_sent()
    {
        var rig = new LinkTestRig();
        var console = rig.Connect();
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionBegin))).Result);
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionIdentity, Identity("A", "B")))).Result);
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionCommit))).Result);
        Assert.Equal(("A", "B"), (rig.Provisioning.SerialNumber, rig.Provisioning.HardwareRevision));

        // The printable range's ends (space, tilde) and the longest field.
        string serial = " " + new string('x', LinkProtocol.MaxIdentityLength - 2) + "~";
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionBegin))).Result);
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionIdentity, Identity(serial, "~ ")))).Result);
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionCommit))).Result);
        Assert.Equal((serial, "~ "), (rig.Provisioning.SerialNumber, rig.Provisioning.HardwareRevision));
    }

    [Fact]
    public void An_identity_whose_serial_fills_the_payload_has_no_revision_and_is_malformed()
    {
        var rig = new LinkTestRig();
        var console = rig.Connect();
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionBegin))).Result);
        foreach (byte[] bad in new[] { new byte[] { 3, 65, 66, 67 }, new byte[] { 4, 65, 66, 67 }, new byte[] { 1, 65, 1, 66, 67 } })
        {
            Assert.Equal(CommandResult.Malformed, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionIdentity, bad))).Result);
        }

        Assert.Equal(new[] { "Begin" }, rig.Provisioning.Calls);
    }

    [Fact]
    public void A_new_factory_key_drops_a_handshake_begun_under_the_key_it_replaces()
    {
        var rig = FactoryKeyedBoard();
        var first = new TestConsole(LinkTestRig.DeviceKey, 11);
        Assert.True(first.AcceptChallenge(rig.Send(first.Hello())));

        byte[] replacement = LinkTestRig.CreateKey(8);
        Assert.Equal(CommandResult.Ok, NoticeResult(rig.Send(FactoryFrame(replacement))));
        Assert.Empty(rig.Send(first.Frame(LinkMessageType.SessionConfirm)));
        Assert.Equal(LinkRejectReason.NoSession, rig.Server.LastRejectReason);
        Assert.False(rig.Server.IsSessionBound);
        rig.Connect(seed: 12, key: replacement);
    }

    [Fact]
    public void Factory_frames_spend_the_flood_budget_and_an_accepted_one_counts()
    {
        var rig = new LinkTestRig(provisioned: false, rejectBurst: 2);
        rig.Jumper.IsFitted = true;
        Assert.Equal(CommandResult.Ok, NoticeResult(rig.Send(FactoryFrame(LinkTestRig.DeviceKey))));
        Assert.Equal(1, rig.Server.AcceptedFrameCount);
        Assert.Equal(CommandResult.Ok, NoticeResult(rig.Send(FactoryFrame(LinkTestRig.DeviceKey))));
        Assert.Equal(2, rig.Server.AcceptedFrameCount);
        Assert.Empty(rig.Send(FactoryFrame(LinkTestRig.DeviceKey)));
        Assert.Equal(LinkRejectReason.RateLimited, rig.Server.LastRejectReason);
        Assert.Equal(2, rig.Server.AcceptedFrameCount);
    }

    [Fact]
    public void A_factory_frame_that_sees_the_jumper_pulled_makes_a_refitted_jumper_count_again()
    {
        var rig = CommittedFactoryBoard();
        rig.Jumper.IsFitted = false;
        Assert.Equal(CommandResult.ProvisioningRefused, NoticeResult(rig.Send(FactoryFrame(LinkTestRig.CreateKey(4)))));
        rig.Jumper.IsFitted = true;
        Assert.Equal(CommandResult.Ok, NoticeResult(rig.Send(FactoryFrame(LinkTestRig.CreateKey(4)))));
    }

    [Fact]
    public void A_second_commit_in_the_factory_session_keeps_the_jumper_spent()
    {
        var rig = FactoryKeyedBoard();
        var console = rig.Connect();
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionBegin))).Result);
            Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionIdentity, Identity("CH-1", "A1")))).Result);
            Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionLinkKey, LinkTestRig.DeviceKey))).Result);
            Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionCommit))).Result);
        }

        rig.Server.OnTransportClosed();
        rig.Provisioning.LoseConfiguration();
        rig.Server.ReloadDeviceKey();
        Assert.Equal(CommandResult.ProvisioningRefused, NoticeResult(rig.Send(FactoryFrame(LinkTestRig.CreateKey(4)))));
    }

    [Fact]
    public void A_factory_key_is_judged_all_zero_by_its_own_bytes()
    {
        // Not by the tag field after it (unauthenticated frames' tags are not read), and not by
        // bytes that merely cancel out.
        var rig = new LinkTestRig(provisioned: false);
        rig.Jumper.IsFitted = true;
        byte[] zeroKey = FactoryFrame(new byte[LinkProtocol.DeviceKeySize]);
        zeroKey[LinkProtocol.HeaderSize + LinkProtocol.DeviceKeySize] = 0x5A;
        Assert.Equal(CommandResult.Malformed, NoticeResult(rig.Send(zeroKey)));
        Assert.False(rig.Server.HasProvisionalKey);

        byte[] cancelling = new byte[LinkProtocol.DeviceKeySize];
        cancelling[0] = 0x11;
        cancelling[1] = 0x11;
        Assert.Equal(CommandResult.Ok, NoticeResult(rig.Send(FactoryFrame(cancelling))));
        rig.Connect(key: cancelling);
    }

    [Fact]
    public void A_console_taking_over_aborts_the_transaction_its_predecessor_left_open()
    {
        var rig = new LinkTestRig();
        var first = rig.Connect(seed: 11);
        Assert.Equal(CommandResult.Ok, first.OpenResponse(rig.Send(first.Frame(LinkMessageType.ProvisionBegin))).Result);
        Assert.Equal(CommandResult.Ok, first.OpenResponse(rig.Send(first.Frame(LinkMessageType.ProvisionLinkKey, LinkTestRig.CreateKey(5)))).Result);

        var second = rig.Connect(seed: 12);
        Assert.Equal(new[] { "Begin", "StageLinkKey", "Abort" }, rig.Provisioning.Calls);
        Assert.Equal(CommandResult.InvalidState, second.OpenResponse(rig.Send(second.Frame(LinkMessageType.ProvisionCommit))).Result);
        Assert.DoesNotContain("Commit", rig.Provisioning.Calls);
        Assert.Equal(LinkTestRig.DeviceKey, rig.Provisioning.CommittedKey);
    }

    [Fact]
    public void Factory_provisioning_needs_the_store_in_factory_state_and_no_key_in_the_link()
    {
        // The store found empty while the link still holds the key it loaded: refused.
        var rig = new LinkTestRig();
        rig.Jumper.IsFitted = true;
        rig.Provisioning.LoseConfiguration();
        Assert.True(rig.Provisioning.IsFactoryState);
        Assert.Equal(CommandResult.ProvisioningRefused, NoticeResult(rig.Send(FactoryFrame(LinkTestRig.CreateKey(4)))));
        Assert.False(rig.Server.HasProvisionalKey);

        // The link has no key but the store is not in factory state: refused too.
        var keyed = new FakeProvisioningTarget((byte[])LinkTestRig.DeviceKey.Clone());
        var jumper = new FakeJumper { IsFitted = true };
        var server = new LinkServer(new FakeChamberControl(), keyed, new FakeProvisioningTarget(), jumper, new SeededNonceSource(1), rig.Clock);
        Assert.False(server.HasDeviceKey);
        byte[] frame = FactoryFrame(LinkTestRig.CreateKey(4));
        byte[] response = new byte[LinkProtocol.MaxFrameSize];
        int length = server.ProcessFrame(frame, 0, frame.Length, response, 0);
        Assert.Equal(CommandResult.ProvisioningRefused, NoticeResult(response.AsSpan(0, length).ToArray()));
        Assert.False(server.HasProvisionalKey);
        Assert.Empty(keyed.Calls);
    }

    /// <summary>A board provisioned through the factory exchange, link closed, then back in factory state with the jumper still fitted.</summary>
    /// <summary>A board in factory state, jumper fitted, that accepted the factory key (DeviceKey) on its link.</summary>
    private static LinkTestRig FactoryKeyedBoard()
    {
        var rig = new LinkTestRig(provisioned: false);
        rig.Jumper.IsFitted = true;
        Assert.Equal(CommandResult.Ok, NoticeResult(rig.Send(FactoryFrame(LinkTestRig.DeviceKey))));
        return rig;
    }

    private static LinkTestRig CommittedFactoryBoard()
    {
        var rig = FactoryKeyedBoard();
        var console = rig.Connect();
        console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionBegin)));
        console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionIdentity, Identity("CH-1", "A1"))));
        console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionLinkKey, LinkTestRig.DeviceKey)));
        Assert.Equal(CommandResult.Ok, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionCommit))).Result);
        rig.Server.OnTransportClosed();
        rig.Provisioning.LoseConfiguration();
        rig.Server.ReloadDeviceKey();
        Assert.Equal(CommandResult.ProvisioningRefused, NoticeResult(rig.Send(FactoryFrame(LinkTestRig.CreateKey(4)))));
        return rig;
    }

    private static byte[] Identity(string serial, string revision)
    {
        byte[] s = Encoding.ASCII.GetBytes(serial);
        byte[] r = Encoding.ASCII.GetBytes(revision);
        byte[] payload = new byte[2 + s.Length + r.Length];
        payload[0] = (byte)s.Length;
        s.CopyTo(payload, 1);
        payload[1 + s.Length] = (byte)r.Length;
        r.CopyTo(payload, 2 + s.Length);
        return payload;
    }
}
