using System;
using System.Linq;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Tests.Link;
using ChamberFirmware.Core.Treatment;
using Xunit;

namespace ChamberFirmware.Core.Tests.Runtime;

public sealed class RuntimeConfigurationTests
{
    [Fact]
    public void A_corrupt_config_store_boots_unarmable_says_so_and_logs_it()
    {
        var rig = new RuntimeRig(seed: 11);
        rig.ProvisionAndConnect(RuntimeRig.Key(42));
        Assert.True(rig.Runtime.IsProvisioned);

        // Both slots damaged (the commit wrote slot A; flip a payload bit there).
        for (int slot = 0; slot < 2; slot++)
        {
            if (rig.Storage.Snapshot(slot) is { Length: > 20 })
            {
                rig.Storage.FlipBit(slot, 20, 3);
            }
        }

        rig.Reboot();
        Assert.Equal(ConfigLoadStatus.Corrupt, rig.Runtime.ConfigLoadStatus);
        Assert.False(rig.Runtime.IsProvisioned);
        Assert.False(rig.Runtime.Link.HasDeviceKey);

        // Over the link: no session at all, a clear NotProvisioned.
        var console = new TestConsole(RuntimeRig.Key(42), 3);
        Assert.Equal(CommandResult.NotProvisioned, RuntimeRig.OpenNotice(rig.Send(console.Hello()), LinkMessageType.Hello));

        // And the controller itself refuses to arm.
        Assert.Equal(CommandResult.NotProvisioned, rig.Runtime.Controller.Arm(RuntimeRig.Profile(), rig.Clock.NowMicroseconds, out _));

        DiagnosticsEventRecord[] events = rig.Events();
        Assert.Contains(events, e => e.Kind == DiagnosticsEventKind.Reset && e.Reasons == CutReasons.ConfigurationInvalid);
        Assert.Contains(events, e => e.Kind == DiagnosticsEventKind.ConfigChange && e.Reasons == CutReasons.ConfigurationInvalid);
        var status = new ChamberStatus();
        rig.Runtime.FillStatus(status);
        Assert.False(status.Provisioned);
        rig.Run(1_000);
        Assert.Equal(0, rig.Chamber.PoweredChannelMask);
    }

    [Fact]
    public void A_fresh_board_boots_unprovisioned_without_a_corruption_event()
    {
        var rig = new RuntimeRig(seed: 12);
        Assert.Equal(ConfigLoadStatus.Empty, rig.Runtime.ConfigLoadStatus);
        Assert.False(rig.Runtime.IsProvisioned);
        DiagnosticsEventRecord[] events = rig.Events();
        DiagnosticsEventRecord reset = Assert.Single(events);
        Assert.Equal(DiagnosticsEventKind.Reset, reset.Kind);
        Assert.Equal(CutReasons.ConfigurationInvalid, reset.Reasons);
        Assert.Equal(1, rig.Runtime.Diagnostics.Counters.Resets);
    }

    [Fact]
    public void Factory_provision_over_the_link_without_the_jumper_is_refused_and_writes_nothing()
    {
        var rig = new RuntimeRig(seed: 13);
        rig.Chamber.ProvisioningJumperFitted = false;
        Assert.Equal(CommandResult.ProvisioningRefused, rig.FactoryProvision(RuntimeRig.Key(1)));
        Assert.Equal(0, rig.Storage.WriteCount);
        Assert.False(rig.Runtime.IsProvisioned);
        Assert.Equal(1, rig.Runtime.Diagnostics.Counters.LinkRejectsFor((int)LinkRejectReason.ProvisioningRefused));
    }

    [Fact]
    public void Factory_provision_over_the_link_with_the_jumper_commits_identity_and_key_together_in_the_session_it_opens()
    {
        // FactoryProvision installs a RAM-only provisional key; ProvisioningService still commits a
        // factory board only with identity AND key, which the session then stages together.
        var rig = new RuntimeRig(seed: 14);
        rig.Chamber.ProvisioningJumperFitted = true;
        byte[] key = RuntimeRig.Key(1);
        Assert.Equal(CommandResult.Ok, rig.FactoryProvision(key));
        Assert.Equal(0, rig.Storage.WriteCount);
        Assert.False(rig.Runtime.IsProvisioned);
        Assert.False(rig.Runtime.Link.HasDeviceKey);

        rig.Connect(key);
        Assert.Equal(CommandResult.NotProvisioned, rig.Arm(RuntimeRig.Profile()));
        Assert.Equal(CommandResult.Ok, rig.Command(LinkMessageType.ProvisionBegin).Result);
        Assert.Equal(CommandResult.Ok, rig.Command(LinkMessageType.ProvisionLinkKey, key).Result);
        Assert.Equal(CommandResult.InvalidState, rig.Command(LinkMessageType.ProvisionCommit).Result);
        Assert.Equal(0, rig.Storage.WriteCount);

        byte[] identity = { 3, (byte)'C', (byte)'H', (byte)'1', 2, (byte)'B', (byte)'2' };
        Assert.Equal(CommandResult.Ok, rig.Command(LinkMessageType.ProvisionBegin).Result);
        Assert.Equal(CommandResult.Ok, rig.Command(LinkMessageType.ProvisionIdentity, identity).Result);
        Assert.Equal(CommandResult.Ok, rig.Command(LinkMessageType.ProvisionLinkKey, key).Result);
        Assert.Equal(CommandResult.Ok, rig.Command(LinkMessageType.ProvisionCommit).Result);
        Assert.True(rig.Runtime.IsProvisioned);
        Assert.True(rig.Runtime.Link.HasDeviceKey);
        Assert.Equal("CH1", rig.Runtime.Config.SerialNumber);

        // The diagnostics identity (encoded at boot, when the board had none) shows it at once, no reboot.
        var served = ReadIdentity(rig.Runtime.Diagnostics);
        Assert.Equal("CH1", served.SerialNumber);
        Assert.Equal("B2", served.HardwareRevision);
        Assert.Equal(RuntimeRig.TestIdentity.Model, served.Model);
        Assert.Equal("CH1", rig.Runtime.Identity.SerialNumber);

        // Stored: it survives a reboot and the key opens an ordinary session.
        rig.Reboot();
        Assert.True(rig.Runtime.IsProvisioned);
        rig.Connect(key, seed: 6);
    }

    [Fact]
    public void Authenticated_reprovisioning_puts_new_settings_in_force_at_commit_and_the_new_key_serves_the_next_hello()
    {
        var rig = new RuntimeRig(seed: 15);
        byte[] oldKey = RuntimeRig.Key(42);
        rig.ProvisionAndConnect(oldKey);
        Assert.Equal(250_000, rig.Runtime.Supervisor.LinkTimeoutMicroseconds);

        byte[] newKey = RuntimeRig.Key(43);
        var settings = new ChamberSettings { LinkTimeoutMilliseconds = 500 };
        byte[] settingsPayload = new byte[LinkPayloads.SettingsSize];
        LinkPayloads.WriteSettings(settings, settingsPayload, 0);
        Assert.Equal(CommandResult.Ok, rig.Command(LinkMessageType.ProvisionBegin).Result);
        Assert.Equal(CommandResult.Ok, rig.Command(LinkMessageType.ProvisionSettings, settingsPayload).Result);
        Assert.Equal(CommandResult.Ok, rig.Command(LinkMessageType.ProvisionLinkKey, newKey).Result);
        Assert.Equal(CommandResult.Ok, rig.Command(LinkMessageType.ProvisionCommit).Result);

        // Settings in force at once (the chamber is idle), logged.
        Assert.Equal(500_000, rig.Runtime.Supervisor.LinkTimeoutMicroseconds);
        Assert.Contains(rig.Events(), e => e.Kind == DiagnosticsEventKind.ConfigChange && e.Reasons == CutReasons.None);

        // The next Hello needs the new key.
        rig.Runtime.OnLinkTransportClosed();
        var stale = new TestConsole(oldKey, 8);
        Assert.False(stale.AcceptChallenge(rig.Send(stale.Hello())));
        rig.Connect(newKey, seed: 9);
        Assert.True(rig.Runtime.Link.IsSessionBound);

        // And after a reboot, from storage.
        rig.Reboot();
        rig.Connect(newKey, seed: 10);
        Assert.Equal(500_000, rig.Runtime.Supervisor.LinkTimeoutMicroseconds);
    }

    [Fact]
    public void Commands_over_the_link_are_logged_and_counted()
    {
        var rig = new RuntimeRig(seed: 16);
        rig.StartSession(RuntimeRig.Profile(durationMs: 60_000));
        rig.Run(500);
        Assert.Equal(CommandResult.Ok, rig.Command(LinkMessageType.Stop).Result);
        rig.Run(100);

        DiagnosticsEventKind[] kinds = rig.Events().Select(e => e.Kind).ToArray();
        Assert.Equal(
            new[] { DiagnosticsEventKind.Reset, DiagnosticsEventKind.LinkRestored, DiagnosticsEventKind.Arm, DiagnosticsEventKind.Start, DiagnosticsEventKind.Stop },
            kinds);
        Assert.Equal(1, rig.Runtime.Diagnostics.Counters.Sessions);
        Assert.Equal(ChamberState.Completed, rig.Runtime.Controller.State);
        Assert.Equal(0, rig.Chamber.PoweredChannelMask);
    }

    [Fact]
    public void A_cut_then_an_accepted_clear_are_logged()
    {
        var rig = new RuntimeRig(seed: 17);
        rig.StartSession(RuntimeRig.Profile(durationMs: 60_000));
        rig.SendHeartbeats = false;
        rig.RunUntil(() => rig.Runtime.Controller.State == ChamberState.SafeStop, 1_000, "SafeStop");
        rig.SendHeartbeats = true;
        rig.Run(2_000);

        var (result, detail) = rig.Command(LinkMessageType.ClearFault);
        Assert.True(result == CommandResult.Ok, $"clear refused: {(CutReasons)detail}");
        DiagnosticsEventKind[] kinds = rig.Events().Select(e => e.Kind).ToArray();
        int cut = Array.IndexOf(kinds, DiagnosticsEventKind.Cut);
        Assert.True(cut > 0);
        Assert.Equal(DiagnosticsEventKind.Clear, kinds[^1]);
        Assert.Contains(DiagnosticsEventKind.LinkLost, kinds);
        Assert.Equal(2, kinds.Count(k => k == DiagnosticsEventKind.LinkRestored));
    }

    [Fact]
    public void Rejected_frames_reach_the_diagnostics_counters_per_reason()
    {
        var rig = new RuntimeRig(seed: 18);
        rig.ProvisionAndConnect(RuntimeRig.Key(42));
        byte[] forged = rig.Console!.Frame(LinkMessageType.Stop);
        forged[^1] ^= 0x01;
        rig.Send(forged);
        rig.Send(new byte[] { 1, 2, 3 });

        DiagnosticsCounters counters = rig.Runtime.Diagnostics.Counters;
        Assert.Equal(1, counters.LinkRejectsFor((int)LinkRejectReason.BadTag));
        Assert.Equal(1, counters.LinkRejectsFor((int)LinkRejectReason.Truncated));
        Assert.Equal(rig.Runtime.Link.GetRejectCount(LinkRejectReason.BadTag), counters.LinkRejectsFor((int)LinkRejectReason.BadTag));
    }

    [Fact]
    public void Sensor_errors_are_counted_per_status_and_a_failing_sensor_is_logged_once()
    {
        var rig = new RuntimeRig(seed: 19);
        rig.Run(200);
        rig.Chamber.InjectFault(Hal.Simulated.Faults.SimulatedPart.NanobotCounter, Hal.Simulated.Faults.FaultKind.CrcError);
        rig.Run(100);

        int crc = rig.Runtime.Diagnostics.Counters.SensorErrorsFor((int)Hal.Sensors.SensorReadStatus.CrcMismatch);
        Assert.InRange(crc, 9, 11);
        Assert.Single(rig.Events(), e => e.Kind == DiagnosticsEventKind.SensorFault);
    }

    [Fact]
    public void Diagnostics_status_is_published_at_least_five_times_a_second()
    {
        var rig = new RuntimeRig(seed: 20);
        int before = rig.Runtime.Diagnostics.PublishCount;
        rig.Run(1_000);
        Assert.True(rig.Runtime.Diagnostics.PublishCount - before >= 5);
    }

    private static DiagnosticsIdentity ReadIdentity(DiagnosticsService diagnostics)
    {
        var buffer = new byte[DiagnosticsPayloads.MaxPayloadLength];
        int length = diagnostics.Read(DiagnosticsCharacteristic.Identity, buffer, 0);
        var identity = new DiagnosticsIdentity();
        Assert.Equal(PayloadDecodeResult.Ok, DiagnosticsPayloads.DecodeIdentity(buffer, 0, length, identity));
        return identity;
    }
}
