using System.Linq;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Runtime;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Core.Tests.Link;
using Xunit;

namespace ChamberFirmware.Core.Tests.Runtime;

public sealed class LinkPumpTests
{
    private readonly RuntimeRig _rig = new();
    private readonly LinkInbox _inbox = new(LinkPump.InboxCapacity);
    private readonly RecordingOutput _output = new();
    private readonly RecordingScheduler _scheduler = new();

    private LinkPump NewPump() => new(_rig.Runtime, _inbox, _output, _scheduler);

    private void Post(byte[] frame) => Assert.True(_inbox.TryPost(frame, 0, frame.Length));

    [Fact]
    public void With_frames_always_waiting_the_pump_takes_one_every_second_period_and_leaves_the_rest_waiting()
    {
        TestConsole console = _rig.ProvisionAndConnect(RuntimeRig.Key(3));
        LinkPump pump = NewPump();
        for (int i = 0; i < LinkPump.InboxCapacity; i++)
        {
            Post(console.Frame(LinkMessageType.GetStatus));
        }

        var taken = new System.Collections.Generic.List<int>();
        for (int period = 0; period < 8; period++)
        {
            int before = _inbox.Count;
            pump.RunPeriod();
            taken.Add(before - _inbox.Count);
        }

        Assert.Equal(new[] { 1, 0, 1, 0, 1, 0, 1, 0 }, taken);
        Assert.Equal(4, _output.Frames.Count(f => f[LinkProtocol.OffsetType] == (byte)LinkMessageType.Response));
        Assert.Equal(25, LinkPump.MaxFramesPerSecond);
    }

    [Fact]
    public void A_frame_after_a_quiet_spell_is_taken_in_the_next_period()
    {
        TestConsole console = _rig.ProvisionAndConnect(RuntimeRig.Key(13));
        LinkPump pump = NewPump();
        Post(console.Frame(LinkMessageType.GetStatus));
        pump.RunPeriod();
        pump.RunPeriod();
        pump.RunPeriod();

        Post(console.Frame(LinkMessageType.GetStatus));
        pump.RunPeriod();

        Assert.Equal(0, _inbox.Count);
        Post(console.Frame(LinkMessageType.GetStatus));
        pump.RunPeriod();
        Assert.Equal(1, _inbox.Count); // the next one waits for the budget
    }

    [Fact]
    public void Each_response_goes_out_through_the_transport_in_the_bound_session()
    {
        TestConsole console = _rig.ProvisionAndConnect(RuntimeRig.Key(4));
        LinkPump pump = NewPump();
        Post(console.Frame(LinkMessageType.GetStatus));

        pump.RunPeriod();

        byte[] response = _output.Frames.Single(f => f[LinkProtocol.OffsetType] == (byte)LinkMessageType.Response);
        var (result, _, _, request) = console.OpenResponse(response);
        Assert.Equal(LinkMessageType.GetStatus, request);
        Assert.Equal(CommandResult.Ok, result);
    }

    [Fact]
    public void The_link_thread_yields_after_every_frame_and_the_link_server_yields_inside_it()
    {
        TestConsole console = _rig.ProvisionAndConnect(RuntimeRig.Key(5));
        LinkPump pump = NewPump();
        pump.RunPeriod();
        Post(console.Frame(LinkMessageType.Heartbeat));
        int yieldsBefore = _scheduler.Yields;

        pump.RunPeriod();

        // A period without telemetry: one yield after each of the heartbeat tag's two compressions
        // (the session's HMAC), one after the frame (the pump).
        Assert.Equal(0, _inbox.Count);
        Assert.Equal(3, _scheduler.Yields - yieldsBefore);
    }

    [Fact]
    public void Telemetry_and_the_link_check_in_come_every_fifth_period_even_with_no_frames()
    {
        _rig.ProvisionAndConnect(RuntimeRig.Key(6));
        LinkPump pump = NewPump();

        for (int period = 0; period < 3 * LinkPump.TelemetryEveryPeriods; period++)
        {
            pump.RunPeriod();
        }

        Assert.Equal(3, _output.Frames.Count(f => f[LinkProtocol.OffsetType] == (byte)LinkMessageType.Telemetry));
        Assert.Equal(100, LinkPump.PeriodMilliseconds * LinkPump.TelemetryEveryPeriods);
    }

    [Fact]
    public void Frames_the_full_inbox_dropped_are_counted_as_rate_limited_rejects()
    {
        TestConsole console = _rig.ProvisionAndConnect(RuntimeRig.Key(7));
        LinkPump pump = NewPump();
        byte[] heartbeat = console.Frame(LinkMessageType.Heartbeat);
        for (int i = 0; i < LinkPump.InboxCapacity; i++)
        {
            Post(console.Frame(LinkMessageType.Heartbeat));
        }

        Assert.False(_inbox.TryPost(heartbeat, 0, heartbeat.Length));
        Assert.False(_inbox.TryPost(heartbeat, 0, heartbeat.Length));
        int before = _rig.Runtime.Diagnostics.Counters.LinkRejectsFor((int)LinkRejectReason.RateLimited);

        pump.RunPeriod();

        Assert.Equal(before + 2, _rig.Runtime.Diagnostics.Counters.LinkRejectsFor((int)LinkRejectReason.RateLimited));
    }

    [Fact]
    public void A_close_the_transport_noted_ends_the_session_in_the_link_threads_next_period_and_the_chamber_cuts()
    {
        _rig.StartSession(RuntimeRig.Profile(durationMs: 60_000));
        LinkPump pump = NewPump();
        _rig.SendHeartbeats = false;
        _rig.Tick();

        _inbox.Close();
        _rig.Tick();
        Assert.Equal(CutReasons.None, _rig.Runtime.Supervisor.LatchedReasons); // the callback did no link work

        pump.RunPeriod();
        _rig.Tick();

        Assert.Equal(CutReasons.LinkLost, _rig.Runtime.Supervisor.LatchedReasons & CutReasons.LinkLost);
        Assert.Equal(0, _rig.Chamber.PoweredChannelMask);
    }

    [Fact]
    public void A_frame_posted_after_the_close_is_handled_after_it_so_the_closed_links_session_no_longer_accepts_it()
    {
        TestConsole console = _rig.ProvisionAndConnect(RuntimeRig.Key(8));
        LinkPump pump = NewPump();
        byte[] heartbeat = console.Frame(LinkMessageType.Heartbeat);
        int accepted = _rig.Runtime.Link.AcceptedFrameCount;

        _inbox.Close();
        Post(heartbeat); // arrives on the next connection, sealed in the old session
        pump.RunPeriod();

        Assert.Equal(0, _inbox.Count);
        Assert.Equal(accepted, _rig.Runtime.Link.AcceptedFrameCount);
    }

    [Fact]
    public void A_late_link_thread_keeps_its_watchdog_channel_by_checking_in_every_period()
    {
        // Link periods 110 ms apart: a frame every second one (220 ms, inside the 250 ms link
        // timeout), telemetry every fifth. Checking in only with frames and telemetry would leave
        // the 200 ms link channel silent for 220 ms.
        TestConsole console = _rig.StartSessionWith(RuntimeRig.Profile(durationMs: 60_000));
        LinkPump pump = NewPump();
        for (int ms = 10; ms <= 3_000; ms += 10)
        {
            // The rig's Tick also builds telemetry every 100 ms: here only the pump does.
            _rig.Chamber.Advance(RuntimeRig.TickMicroseconds);
            if (ms % 20 == 0)
            {
                _rig.Runtime.ControlStep();
            }

            _rig.Runtime.SupervisorStep();
            if (ms % 110 == 0)
            {
                if (_inbox.Count == 0)
                {
                    Post(console.Frame(LinkMessageType.Heartbeat));
                }

                pump.RunPeriod();
            }
        }

        Assert.Equal(CutReasons.None, _rig.Runtime.Supervisor.LatchedReasons);
        Assert.Equal(ChamberState.Active, _rig.Runtime.Controller.State);
    }
}
