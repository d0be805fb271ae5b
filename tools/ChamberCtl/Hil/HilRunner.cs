using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ChamberFirmware.Core.Safety;

namespace ChamberCtl.Hil;

/// <summary>
/// Runs scenarios against a target, step by step, stopping a scenario at its first failed step.
/// Windows ("within 20 ms") are measured in target time from the last sample seen when the step
/// began, to the first sample that satisfies the expectation: time is polled one millisecond at a
/// time, so a satisfied wait leaves the run at the moment it was satisfied.
/// </summary>
internal sealed class HilRunner
{
    /// <summary>Target time per poll while waiting for a windowed expectation.</summary>
    public const int PollMilliseconds = 1;

    private readonly IHilTarget _target;

    public HilRunner(IHilTarget target)
    {
        _target = target;
    }

    public HilFileResult RunFile(HilScenarioFile file) => new(file, file.Scenarios.Select(Run).ToList());

    public HilScenarioResult Run(HilScenario scenario)
    {
        var trace = new HilTrace();
        var events = new List<HilEvent>();
        var steps = new List<HilStepResult>();
        HilObservation baseline;
        try
        {
            _target.Reset(scenario.Seed, scenario.Profile);
            baseline = _target.Observe();
            trace.Record(baseline);
        }
        catch (HilTargetException e)
        {
            return new HilScenarioResult(scenario, HilOutcome.Error, steps, trace, events) { SetupError = "reset failed: " + e.Message };
        }

        var run = new ScenarioRun(_target, trace, baseline);
        foreach (var step in scenario.Steps)
        {
            var start = run.Now;
            string? failure;
            var outcome = HilOutcome.Failed;
            try
            {
                failure = Execute(run, step, events);
            }
            catch (HilTargetException e)
            {
                failure = "target error: " + e.Message;
                outcome = HilOutcome.Error;
            }

            steps.Add(new HilStepResult(step, failure is null ? HilOutcome.Passed : outcome, start, run.Now, failure));
            if (failure is not null)
            {
                if (outcome == HilOutcome.Failed)
                {
                    RecordPastFailure(run);
                }

                return new HilScenarioResult(scenario, outcome, steps, trace, events);
            }
        }

        return new HilScenarioResult(scenario, HilOutcome.Passed, steps, trace, events);
    }

    /// <summary>How long the trace goes on after a failed expectation (no further steps run) when no cut has latched yet.</summary>
    public const int RecordAfterFailureMilliseconds = 1000;

    /// <summary>How long it goes on once a cut is latched: the bank dropping and the emitters going dark are on the plot.</summary>
    public const int RecordAfterCutMilliseconds = 200;

    /// <summary>
    /// A failed expectation stops the steps, not the recording: the target keeps running (nothing
    /// injected, nothing sent) until a cut has latched and 200 ms more have passed, or 1 s, so the
    /// report shows what happened next — the cut that came late, or that it never came.
    /// </summary>
    private static void RecordPastFailure(ScenarioRun run)
    {
        try
        {
            if (run.Observe().LatchedReasons == CutReasons.None)
            {
                run.AdvanceUntil(o => o.LatchedReasons != CutReasons.None, RecordAfterFailureMilliseconds);
            }

            run.Advance(RecordAfterCutMilliseconds);
        }
        catch (HilTargetException)
        {
            // The failure stands; the extra trace is only a help for reading it.
        }
    }

    private static string? Execute(ScenarioRun run, HilStep step, List<HilEvent> events)
    {
        switch (step.Kind)
        {
            case HilStepKind.Inject:
                events.Add(new HilEvent(run.Now, step.Text));
                run.Target.Inject(step.Condition!);
                return null;
            case HilStepKind.Console:
                events.Add(new HilEvent(run.Now, step.Text));
                var answer = run.Target.Console(step.Action);
                if (step.ExpectNoAnswer && answer.Answered)
                {
                    return "the controller answered " + answer + "; expected no answer";
                }

                if (step.ExpectedResult is { } expected && (!answer.Answered || answer.Result != expected))
                {
                    return "the controller answered " + answer + "; expected " + expected;
                }

                return null;
            case HilStepKind.Wait:
                run.Advance(step.WaitMilliseconds);
                return null;
            default:
                return Check(run, step.Expectation!);
        }
    }

    private static string? Check(ScenarioRun run, HilExpectation expectation)
    {
        switch (expectation.Kind)
        {
            case HilExpectationKind.State or HilExpectationKind.Cut or HilExpectationKind.FrameRejected or HilExpectationKind.EmittersOffWithin or HilExpectationKind.EmittersOnWithin:
                return expectation.WithinMilliseconds is int window
                    ? run.WaitFor(o => Holds(expectation, o), window, o => Describe(expectation, o))
                    : Holds(expectation, run.Observe()) ? null : Describe(expectation, run.Observe());
            case HilExpectationKind.EmittersStayOff:
                var firstOn = run.Observe().EmittersOff ? run.AdvanceUntil(o => !o.EmittersOff, expectation.WithinMilliseconds!.Value) : run.Observe();
                return firstOn is null ? null : "emitters powered (mask 0x" + firstOn.EmittersPoweredMask.ToString("X2", CultureInfo.InvariantCulture) + ") at " + Ms(firstOn.TimeMicroseconds);
            case HilExpectationKind.NeverCut:
                var cut = run.Trace.Samples.FirstOrDefault(s => s.LatchedReasons != CutReasons.None);
                return cut is null ? null : "a cut latched at " + Ms(cut.TimeMicroseconds) + ": " + cut.LatchedReasons;
            case HilExpectationKind.MaxCountBelow:
                var highest = run.Trace.Samples.MaxBy(s => s.Count)!;
                return highest.Count < expectation.CountBound
                    ? null
                    : "the count reached " + highest.Count.ToString(CultureInfo.InvariantCulture) + " at " + Ms(highest.TimeMicroseconds) + "; expected below " + expectation.CountBound.ToString(CultureInfo.InvariantCulture);
            default:
                var now = run.Observe().ConfigurationFingerprint;
                return now == run.Baseline.ConfigurationFingerprint
                    ? null
                    : "the configuration fingerprint changed from 0x" + run.Baseline.ConfigurationFingerprint.ToString("X", CultureInfo.InvariantCulture) + " to 0x" + now.ToString("X", CultureInfo.InvariantCulture);
        }
    }

    private static bool Holds(HilExpectation expectation, HilObservation o) => expectation.Kind switch
    {
        HilExpectationKind.State => o.State == expectation.State,
        HilExpectationKind.Cut => o.LatchedReasons != CutReasons.None && (o.LatchedReasons & expectation.Reasons) == expectation.Reasons,
        HilExpectationKind.FrameRejected => o.LastRejectedFrame == expectation.Rejection,
        HilExpectationKind.EmittersOnWithin => !o.EmittersOff,
        _ => o.EmittersOff,
    };

    private static string Describe(HilExpectation expectation, HilObservation o) => expectation.Kind switch
    {
        HilExpectationKind.State => "state is " + o.State + " (latched " + o.LatchedReasons + "); expected " + expectation.State,
        HilExpectationKind.Cut => "latched cut reasons are " + o.LatchedReasons + " (state " + o.State + "); expected " + expectation.Reasons,
        HilExpectationKind.FrameRejected => "last rejected frame is " + o.LastRejectedFrame + "; expected " + expectation.Rejection,
        HilExpectationKind.EmittersOnWithin => "no emitter powered (state " + o.State + ", latched " + o.LatchedReasons + ")",
        _ => "emitters still powered (mask 0x" + o.EmittersPoweredMask.ToString("X2", CultureInfo.InvariantCulture) + ", interlock " + (o.InterlockPowered ? "on" : "off") + ")",
    };

    internal static string Ms(long microseconds) => (microseconds / 1000.0).ToString("0.###", CultureInfo.InvariantCulture) + " ms";

    /// <summary>The state of one scenario run: target, trace, and the baseline taken right after Reset.</summary>
    private sealed class ScenarioRun
    {
        public ScenarioRun(IHilTarget target, HilTrace trace, HilObservation baseline)
        {
            Target = target;
            Trace = trace;
            Baseline = baseline;
        }

        public IHilTarget Target { get; }

        public HilTrace Trace { get; }

        public HilObservation Baseline { get; }

        public long Now => Trace.Last!.TimeMicroseconds;

        public HilObservation Observe() => Target.Observe();

        public void Advance(int milliseconds) => Target.Advance(milliseconds, Trace);

        /// <summary>Polls until a sample satisfies the condition or the window passes; returns that sample or null.</summary>
        public HilObservation? AdvanceUntil(System.Func<HilObservation, bool> condition, int windowMilliseconds)
        {
            var start = Now;
            var end = start + (windowMilliseconds * 1000L);
            var watcher = new FirstMatch(Trace, condition);
            while (watcher.Match is null && Now < end)
            {
                var step = (int)System.Math.Min(PollMilliseconds, System.Math.Max(1, (end - Now + 999) / 1000));
                var before = Now;
                Target.Advance(step, watcher);
                if (Now <= before)
                {
                    throw new HilTargetException("the target recorded no sample while advancing " + step.ToString(CultureInfo.InvariantCulture) + " ms");
                }
            }

            return watcher.Match is { } match && match.TimeMicroseconds <= end ? match : null;
        }

        public string? WaitFor(System.Func<HilObservation, bool> condition, int windowMilliseconds, System.Func<HilObservation, string> describe)
        {
            var start = Now;
            if (condition(Observe()))
            {
                return null;
            }

            var match = AdvanceUntil(condition, windowMilliseconds);
            return match is not null
                ? null
                : "not within " + windowMilliseconds.ToString(CultureInfo.InvariantCulture) + " ms (from " + Ms(start) + " to " + Ms(Now) + "): " + describe(Observe());
        }
    }

    /// <summary>Forwards samples to the trace and remembers the first that satisfies a condition.</summary>
    private sealed class FirstMatch : IHilTraceSink
    {
        private readonly HilTrace _trace;
        private readonly System.Func<HilObservation, bool> _condition;

        public FirstMatch(HilTrace trace, System.Func<HilObservation, bool> condition)
        {
            _trace = trace;
            _condition = condition;
        }

        public HilObservation? Match { get; private set; }

        public void Record(HilObservation sample)
        {
            _trace.Record(sample);
            if (Match is null && _condition(sample))
            {
                Match = sample;
            }
        }
    }
}
