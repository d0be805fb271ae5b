using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Tests.Runtime;
using Xunit;

namespace ChamberFirmware.Core.Tests.Link;

/// <summary>
/// The BLE adapter's decisions (ControlGattService only calls CentralBinding): one central owns the
/// link, others are refused, only the owner is notified, and the link session ends on disconnect.
/// The attacks run against the real runtime through <see cref="BleCentralRig"/>, which does exactly
/// what the adapter does with each GATT event.
/// </summary>
public sealed class CentralBindingTests
{
    private const int Console = 3;
    private const int Intruder = 9;

    [Fact]
    public void The_first_central_that_writes_is_bound_and_another_central_is_refused()
    {
        var binding = new CentralBinding();
        Assert.False(binding.IsBound);

        Assert.True(binding.AdmitWrite(Console));
        Assert.Equal(Console, binding.BoundCentral);
        Assert.True(binding.AdmitWrite(Console));
        Assert.False(binding.AdmitWrite(Intruder));
        Assert.Equal(Console, binding.BoundCentral);
    }

    [Fact]
    public void Only_the_bound_central_may_be_notified_and_nobody_before_a_write()
    {
        var binding = new CentralBinding();
        binding.OnSubscribersChanged(new[] { Console, Intruder }, 2);
        Assert.False(binding.MayNotify(Console));
        Assert.False(binding.MayNotify(Intruder));

        binding.AdmitWrite(Console);
        Assert.True(binding.MayNotify(Console));
        Assert.False(binding.MayNotify(Intruder));
    }

    [Fact]
    public void A_negative_central_id_is_never_bound()
    {
        var binding = new CentralBinding();
        Assert.False(binding.AdmitWrite(CentralBinding.NoCentral));
        Assert.False(binding.IsBound);
        Assert.False(binding.MayNotify(CentralBinding.NoCentral));
    }

    [Fact]
    public void Connection_id_zero_is_a_central_like_any_other()
    {
        // Only NoCentral (-1) and other negative ids mean "nobody"; GATT connection ids start at 0.
        var binding = new CentralBinding();
        Assert.True(binding.AdmitWrite(0));
        Assert.Equal(0, binding.BoundCentral);
        Assert.True(binding.MayNotify(0));
        Assert.False(binding.AdmitWrite(Intruder));
    }

    [Fact]
    public void The_bound_central_unsubscribing_ends_the_binding_once_and_frees_the_link()
    {
        var binding = new CentralBinding();
        Assert.True(binding.AdmitWrite(Console));
        Assert.False(binding.OnSubscribersChanged(new[] { Console }, 1));
        Assert.False(binding.OnSubscribersChanged(new[] { Console, Intruder }, 2));

        Assert.True(binding.OnSubscribersChanged(new[] { Intruder }, 1));
        Assert.False(binding.IsBound);
        Assert.False(binding.OnSubscribersChanged(new int[0], 0));
        Assert.True(binding.AdmitWrite(Intruder));
    }

    [Fact]
    public void A_central_that_subscribed_before_its_first_write_still_ends_its_session_by_unsubscribing()
    {
        var binding = new CentralBinding();
        binding.OnSubscribersChanged(new[] { Console }, 1);
        binding.AdmitWrite(Console);

        Assert.True(binding.OnSubscribersChanged(new int[0], 0));
    }

    [Fact]
    public void Another_central_unsubscribing_does_not_end_the_bound_session()
    {
        var binding = new CentralBinding();
        binding.OnSubscribersChanged(new[] { Console, Intruder }, 2);
        binding.AdmitWrite(Console);

        Assert.False(binding.OnSubscribersChanged(new[] { Console }, 1));
        Assert.Equal(Console, binding.BoundCentral);
    }

    [Fact]
    public void A_disconnect_ends_the_binding_and_only_a_bound_one_asks_to_end_the_session()
    {
        var binding = new CentralBinding();
        Assert.False(binding.OnSessionClosed());

        binding.AdmitWrite(Console);
        Assert.True(binding.OnSessionClosed());
        Assert.False(binding.IsBound);
        Assert.False(binding.OnSessionClosed());
    }

    [Fact]
    public void A_subscriber_count_beyond_the_array_or_a_null_list_is_read_safely()
    {
        var binding = new CentralBinding();
        binding.AdmitWrite(Console);
        Assert.False(binding.OnSubscribersChanged(new[] { Console }, 5));
        Assert.True(binding.OnSubscribersChanged(null!, 3));
    }

    [Fact]
    public void Attack_a_second_central_cannot_reach_the_link_server_or_hear_the_console()
    {
        var ble = new BleCentralRig(seed: 31);
        ble.Rig.ProvisionAndConnect(RuntimeRig.Key(4));
        // Provisioning and the handshake ran on the bench; the console's first BLE write binds it.
        Assert.Equal(CentralBinding.NoCentral, ble.Binding.BoundCentral);
        ble.Write(Console, ble.Rig.Console!.Frame(LinkMessageType.Heartbeat));
        ble.Subscribe(Console, Intruder);
        int acceptedBefore = ble.Rig.Runtime.Link.AcceptedFrameCount;
        int rejectedBefore = TotalRejects(ble);

        // A replay of the console's own frame, and garbage, from another central.
        byte[] replay = ble.Rig.Console!.Frame(LinkMessageType.Heartbeat);
        Assert.Equal(BleCentralRig.Refused, ble.Write(Intruder, replay));
        Assert.Equal(BleCentralRig.Refused, ble.Write(Intruder, new byte[] { 1, 2, 3 }));

        Assert.Equal(acceptedBefore, ble.Rig.Runtime.Link.AcceptedFrameCount);
        Assert.Equal(rejectedBefore, TotalRejects(ble));
        Assert.True(ble.Rig.Runtime.Link.IsSessionBound);

        // Telemetry reaches the console only.
        ble.SendTelemetry();
        Assert.Equal(1, ble.NotificationsTo(Console));
        Assert.Equal(0, ble.NotificationsTo(Intruder));
    }

    [Fact]
    public void Attack_a_central_that_writes_without_subscribing_then_disconnects_ends_the_session()
    {
        var ble = new BleCentralRig(seed: 32);
        ble.Rig.StartSession(RuntimeRig.Profile(durationMs: 60_000));
        ble.Write(Console, ble.Rig.Console!.Frame(LinkMessageType.Heartbeat));
        Assert.True(ble.Rig.Runtime.Link.IsSessionBound);

        ble.Disconnect();
        Assert.False(ble.Rig.Runtime.Link.IsSessionBound);
        ble.Rig.SendHeartbeats = false;
        ble.Rig.Tick();
        Assert.Equal(CutReasons.LinkLost, ble.Rig.Runtime.Supervisor.LatchedReasons & CutReasons.LinkLost);
        Assert.Equal(0, ble.Rig.Chamber.PoweredChannelMask);
    }

    [Fact]
    public void Attack_a_factory_key_written_without_subscribing_dies_with_the_disconnect()
    {
        var ble = new BleCentralRig(seed: 33);
        ble.Rig.Chamber.ProvisioningJumperFitted = true;
        byte[] frame = RuntimeRig.FactoryProvisionFrame(RuntimeRig.Key(5));
        Assert.NotEqual(BleCentralRig.Refused, ble.Write(Intruder, frame));
        Assert.True(ble.Rig.Runtime.Link.HasProvisionalKey);

        ble.Disconnect();
        Assert.False(ble.Rig.Runtime.Link.HasProvisionalKey);
        Assert.False(ble.Binding.IsBound);
        Assert.Equal(0, ble.Rig.Storage.WriteCount);
    }

    [Fact]
    public void Attack_the_console_unsubscribing_is_link_loss_and_the_next_central_starts_from_nothing()
    {
        var ble = new BleCentralRig(seed: 34);
        ble.Rig.StartSession(RuntimeRig.Profile(durationMs: 60_000));
        ble.Subscribe(Console);
        ble.Write(Console, ble.Rig.Console!.Frame(LinkMessageType.Heartbeat));

        ble.Subscribe();
        Assert.False(ble.Rig.Runtime.Link.IsSessionBound);

        // The next central is bound, but the old session's frames do not work for it.
        byte[] stale = ble.Rig.Console!.Frame(LinkMessageType.Heartbeat);
        Assert.NotEqual(BleCentralRig.Refused, ble.Write(Intruder, stale));
        Assert.Equal(Intruder, ble.Binding.BoundCentral);
        Assert.False(ble.Rig.Runtime.Link.IsSessionBound);
        Assert.Equal(0, ble.NotificationsTo(Console));
    }

    private static int TotalRejects(BleCentralRig ble)
    {
        int total = 0;
        foreach (int count in ble.Rig.Runtime.Link.RejectCounts)
        {
            total += count;
        }

        return total;
    }
}
