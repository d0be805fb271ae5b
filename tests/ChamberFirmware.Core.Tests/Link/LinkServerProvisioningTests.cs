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
        var rig = new LinkTestRig(provisioned: false);
        rig.Jumper.IsFitted = true;
        Assert.Equal(CommandResult.Ok, NoticeResult(rig.Send(FactoryFrame(LinkTestRig.DeviceKey))));
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
        var rig = new LinkTestRig(provisioned: false);
        rig.Jumper.IsFitted = true;
        Assert.Equal(CommandResult.Ok, NoticeResult(rig.Send(FactoryFrame(LinkTestRig.DeviceKey))));
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
        var rig = new LinkTestRig(provisioned: false);
        rig.Jumper.IsFitted = true;
        Assert.Equal(CommandResult.Ok, NoticeResult(rig.Send(FactoryFrame(LinkTestRig.DeviceKey))));
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
        var rig = new LinkTestRig(provisioned: false);
        rig.Jumper.IsFitted = true;
        Assert.Equal(CommandResult.Ok, NoticeResult(rig.Send(FactoryFrame(LinkTestRig.DeviceKey))));
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
