using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace ChamberFirmware.Starvation.Tests;

/// <summary>
/// "The supervisor is never starved" (issue 17, docs/safety.md): the app's threads (ChamberLoops:
/// supervisor Highest every 10 ms, control AboveNormal every 20 ms, link Normal with the LinkPump)
/// on the real nanoCLR, every piece of firmware work stretched to its ESP32 estimate, the link
/// driven at its maximum accepted rate with handshakes and a provisioning commit, then Armed and
/// Active; last, a planted long critical section on the link thread as the negative control.
/// </summary>
public sealed class StarvationRunTests : IClassFixture<StarvationRunFixture>
{
    /// <summary>SafetyTiming.OverrunMicroseconds: a tick later than this after the previous one cuts.</summary>
    private const long OverrunBoundMicroseconds = 25_000;

    /// <summary>The margin kept below the bound: 20 %.</summary>
    private const long WithMarginMicroseconds = 20_000;

    /// <summary>A host pause this long could by itself push a tick past the bound (the supervisor's own check reads the wall clock).</summary>
    private const long HostPauseThatCouldCutMicroseconds = 12_000;

    /// <summary>SafetyTiming.ControlLoopTimeoutMilliseconds and LinkLoopTimeoutMilliseconds, µs.</summary>
    private const long ControlLoopTimeoutMicroseconds = 100_000;
    private const long LinkLoopTimeoutMicroseconds = 200_000;

    /// <summary>A tick this close to the bound on the wall clock may have been pushed past it by the host, whose part the firmware figure leaves out.</summary>
    private const long NearTheBoundMicroseconds = OverrunBoundMicroseconds - 1_000;

    private const int SupervisorOverrun = 1 << 6;
    private const int WatchdogChannel = 1 << 7;

    private readonly StarvationReport _report;

    public StarvationRunTests(StarvationRunFixture fixture, ITestOutputHelper output)
    {
        Assert.True(fixture.Report != null, "device build failed:\n" + fixture.BuildOutput);
        _report = fixture.Report;
        Assert.True(_report.Completed, "the nanoCLR run did not finish:\n" + string.Join("\n", _report.Lines.TakeLast(30)));
        output.WriteLine(fixture.Launch);
        foreach (string line in _report.Lines.Where(l => l.StartsWith("calibration,", System.StringComparison.Ordinal)
            || l.StartsWith("cost,", System.StringComparison.Ordinal) || l.StartsWith("link,", System.StringComparison.Ordinal)
            || l.StartsWith("supervisor,", System.StringComparison.Ordinal) || l.StartsWith("stretch,", System.StringComparison.Ordinal)
            || l.StartsWith("end,", System.StringComparison.Ordinal) || l.StartsWith("probe,", System.StringComparison.Ordinal)))
        {
            output.WriteLine(line);
        }

        output.WriteLine("scenario, firmware part: " + _report.Scenario(firmwareOnly: true));
        output.WriteLine("scenario, wall clock:    " + _report.Scenario(firmwareOnly: false));
        output.WriteLine("planted,  firmware part: " + _report.Planted(firmwareOnly: true));
        output.WriteLine("before ticks over 15 ms (1 link, 2 control, 3 supervisor, 4 console): "
            + string.Join(" ", _report.BeforeLateTicks(15_000).Select(p => p.Key + ":" + p.Value)));
    }

    [Fact]
    public void NanoClr_keeps_a_due_highest_thread_waiting_for_a_busy_normal_threads_quantum_and_a_yield_lets_it_in()
    {
        // The fact the link's yield points exist for: no preemption when a sleeper becomes due.
        Assert.InRange(_report.Probes["alone"].Median, 9_500, 12_000);
        Assert.True(_report.Probes["busy-normal"].Median >= 18_000, $"a Highest Sleep(10) loop beside a busy Normal thread ticked every {_report.Probes["busy-normal"].Median} µs: nanoCLR preempted it before the quantum ended");
        Assert.InRange(_report.Probes["yielding-normal"].Median, 9_500, 12_000);
    }

    [Fact]
    public void The_supervisor_ticks_at_least_20_percent_inside_the_overrun_bound_with_the_link_at_its_maximum_rate()
    {
        IntervalStats intervals = _report.Scenario(firmwareOnly: true);

        Assert.True(intervals.Count >= 550, $"only {intervals.Count} supervisor ticks in the 6.5 s scenario");
        Assert.True(intervals.Max <= WithMarginMicroseconds, $"a supervisor tick came {intervals.Max} µs after the one before (firmware part; bound {OverrunBoundMicroseconds}, with margin {WithMarginMicroseconds}): {intervals}");

        // The supervisor's own verdict, on the wall clock: it did not find itself late unless the
        // host pushed a tick near the bound, and the control loop was never late (a host pause long
        // enough to decide that switches this part off). The link thread may be: on the estimate
        // it cannot keep its maximum rate beside the supervisor (the budgets of docs/safety.md are
        // not met with the managed HMAC), and when it falls behind the supervisor, first in line,
        // cuts safely, on LinkLost or on the link loop's watchdog channel. A WatchdogChannel cut
        // must then be the link's: its gap (noted where the pump checks in) past the timeout.
        long latched = _report.Value("end", "latched");
        long controlGap = _report.Value("end", "control-check-in-gap");
        long linkGap = _report.Value("end", "link-check-in-gap");
        string gaps = $"longest check-in gaps: control {controlGap} µs, link {linkGap} µs (ended at {_report.Value("end", "link-check-in-gap-ended")} µs); host: {_report.Value("end", "longest-host-gap")} µs";
        if (_report.Scenario(firmwareOnly: false).Max <= NearTheBoundMicroseconds)
        {
            Assert.True((latched & SupervisorOverrun) == 0, "the supervisor cut on its own overrun; " + gaps);
        }

        if (_report.Value("end", "longest-host-gap") <= HostPauseThatCouldCutMicroseconds)
        {
            Assert.True(controlGap <= ControlLoopTimeoutMicroseconds, "the control loop went past its watchdog timeout; " + gaps);
            if ((latched & WatchdogChannel) != 0)
            {
                Assert.True(linkGap > LinkLoopTimeoutMicroseconds, "a watchdog channel lapsed, and not the link's; " + gaps);
            }
        }
    }

    [Fact]
    public void The_link_was_driven_at_its_maximum_accepted_rate_with_handshakes_and_a_provisioning_commit_and_the_treatment_started()
    {
        // Offered: the stand-in keeps frames waiting (ConsoleStandIn), so the link can always take its
        // maximum rate. Accepted is a figure, not a pass mark: on the ESP32 estimate the link thread
        // cannot keep that rate beside the supervisor, and falling behind ends in a safe LinkLost
        // cut, never in a late supervisor (docs/safety.md, "The supervisor is never starved").
        Assert.True(_report.Value("link", "scenario-accepted") > 0, "the link accepted nothing");
        // Handshakes ran through it: rebinding while Idle, refused (after the same key derivation)
        // while Active — unless the link fell behind and the chamber had cut before one came.
        Assert.True(_report.Value("link", "rebound") >= 2, "too few handshakes while Idle");
        Assert.True(_report.Value("link", "rebound") + _report.Value("link", "refused-active") >= 4, "too few handshakes");
        Assert.Equal(5, _report.Value("link", "provisioning-steps"));
        Assert.Equal(0, _report.Value("link", "commit"));
        Assert.Equal(0, _report.Value("link", "arm"));
        Assert.Equal(0, _report.Value("link", "start"));
        Assert.True(_report.Value("link", "active-from") > 0, "the treatment never became Active");
        Assert.Equal(0, _report.Value("link", "unexpected"));
    }

    [Fact]
    public void A_long_critical_section_planted_on_the_link_thread_breaks_the_bound_and_the_supervisor_cuts_on_its_overrun()
    {
        IntervalStats planted = _report.Planted(firmwareOnly: true);

        Assert.True(_report.Value("end", "planted-sections") >= 3, "the planted section hardly ran");
        Assert.True(planted.Max > OverrunBoundMicroseconds, $"the planted 50 ms bus hold left the supervisor inside the bound: {planted}");
        // Latched in the planted phase, not carried over from the scenario.
        Assert.NotEqual(0, _report.Value("end", "planted-latched") & ~_report.Value("end", "latched") & SupervisorOverrun);
    }
}
