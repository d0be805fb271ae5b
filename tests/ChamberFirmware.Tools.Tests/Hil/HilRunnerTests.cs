using System.Linq;
using ChamberCtl.Hil;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Hil;

public class HilRunnerTests
{
    private static string[] Session(params string[] more) => [.. HilTestData.ActiveSession, .. more];

    [Fact]
    public void A_scenario_whose_expectations_hold_passes_and_records_a_trace()
    {
        using var dir = new TempDirectory();
        var result = HilTestData.RunOne(dir, HilTestData.Yaml("pass", Session(
            "- expect: { state: Active }",
            "- inject: { link: drop }",
            "- expect: { cut: LinkLost, within_ms: 260 }",
            "- expect: { emitters_off_within_ms: 10 }")));

        Assert.Equal(HilOutcome.Passed, result.Outcome);
        Assert.Equal(9, result.Steps.Count);
        Assert.All(result.Steps, s => Assert.Null(s.Message));
        Assert.True(result.Trace.Samples.Count > 1300, "one sample per millisecond of target time");
        var cut = Assert.Single(result.Trace.CutMarkers());
        Assert.Equal(CutReasons.LinkLost, cut.Reasons);
        Assert.Equal(2, result.Events.Count(e => e.Text.StartsWith("console", System.StringComparison.Ordinal) && !e.Text.Contains("heartbeat", System.StringComparison.Ordinal)));
    }

    [Fact]
    public void A_window_ends_at_the_sample_that_satisfied_it()
    {
        using var dir = new TempDirectory();
        var result = HilTestData.RunOne(dir, HilTestData.Yaml("window", Session(
            "- inject: { link: drop }",
            "- expect: { cut: LinkLost, within_ms: 260 }")));

        var wait = result.Steps[^1];
        var cutAt = result.Trace.CutMarkers()[0].TimeMicroseconds;
        Assert.Equal(cutAt, wait.EndMicroseconds);
        Assert.InRange(wait.EndMicroseconds - wait.StartMicroseconds, 1_000, 10_000);
    }

    [Fact]
    public void A_cut_that_never_comes_fails_the_step_and_skips_the_rest()
    {
        using var dir = new TempDirectory();
        var result = HilTestData.RunOne(dir, HilTestData.Yaml("no cut", Session(
            "- inject: { link: drop }",
            "- expect: { cut: LinkLost, within_ms: 260 }",
            "- expect: { state: SafeStop }")), new FakeChamberTarget { DefectIgnoresLinkLoss = true });

        Assert.Equal(HilOutcome.Failed, result.Outcome);
        var failure = result.Failure!;
        Assert.Equal(7, failure.Step.Number);
        Assert.Contains("not within 260 ms", failure.Message, System.StringComparison.Ordinal);
        Assert.Contains("latched cut reasons are None", failure.Message, System.StringComparison.Ordinal);
        Assert.Equal(260_000, failure.EndMicroseconds - failure.StartMicroseconds);
        Assert.Equal(7, result.Steps.Count);
        Assert.Contains("step 7 (expect: { cut: LinkLost, within_ms: 260 })", HilJUnitWriter.FailureMessage(result), System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_that_comes_too_late_fails()
    {
        using var dir = new TempDirectory();
        var yaml = HilTestData.Yaml("late", Session("- inject: { temperature_c: 45 }", "- expect: { cut: OverTemperature, within_ms: 20 }"));

        var onTime = HilTestData.RunOne(dir, yaml);
        var late = HilTestData.RunOne(dir, yaml, new FakeChamberTarget { DefectCutDelayMilliseconds = 30 });

        Assert.Equal(HilOutcome.Passed, onTime.Outcome);
        Assert.Equal(HilOutcome.Failed, late.Outcome);
        Assert.Contains("not within 20 ms", late.Failure!.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_state_fails_now_or_within_its_window()
    {
        using var dir = new TempDirectory();
        var now = HilTestData.RunOne(dir, HilTestData.Yaml("state", Session("- expect: { state: Idle }")));
        var window = HilTestData.RunOne(dir, HilTestData.Yaml("state", Session("- wait_until: { state: Completed, within_ms: 100 }")));

        Assert.Equal("state is Active (latched None); expected Idle", now.Failure!.Message);
        Assert.StartsWith("not within 100 ms", window.Failure!.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_frame_rejection_fails()
    {
        using var dir = new TempDirectory();
        var result = HilTestData.RunOne(dir, HilTestData.Yaml("frame", Session("- inject: { frame: malformed }", "- expect: { frame_rejected: BadTag }")));

        Assert.Equal("last rejected frame is Malformed; expected BadTag", result.Failure!.Message);
    }

    [Fact]
    public void An_accepted_forged_configuration_fails_configuration_unchanged()
    {
        using var dir = new TempDirectory();
        var yaml = HilTestData.Yaml("forged", Session("- inject: { frame: forged-config }", "- expect: { configuration_unchanged: true }"));

        Assert.Equal(HilOutcome.Passed, HilTestData.RunOne(dir, yaml).Outcome);
        var result = HilTestData.RunOne(dir, yaml, new FakeChamberTarget { DefectAcceptsForgedConfig = true });
        Assert.Contains("configuration fingerprint changed from 0xC0FFEE", result.Failure!.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Emitters_left_powered_by_a_hang_fail_emitters_off_within()
    {
        using var dir = new TempDirectory();
        var yaml = HilTestData.Yaml("hang", Session("- inject: { fault: firmware-hang }", "- expect: { emitters_off_within_ms: 30 }"));

        Assert.Equal(HilOutcome.Passed, HilTestData.RunOne(dir, yaml).Outcome);
        var result = HilTestData.RunOne(dir, yaml, new FakeChamberTarget { DefectNoKeepAliveCircuit = true });
        Assert.StartsWith("not within 30 ms", result.Failure!.Message, System.StringComparison.Ordinal);
        Assert.Contains("emitters still powered (mask 0x", result.Failure.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Emitters_coming_on_fail_emitters_stay_off()
    {
        using var dir = new TempDirectory();
        var result = HilTestData.RunOne(dir, HilTestData.Yaml("stay off",
            "- console: { heartbeat: on }", "- wait_ms: 300", "- console: arm", "- expect: { emitters_stay_off_ms: 100 }", "- console: start", "- expect: { emitters_stay_off_ms: 100 }"));

        Assert.Equal(6, result.Failure!.Step.Number);
        Assert.StartsWith("emitters powered (mask 0x01) at ", result.Failure.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Emitters_that_never_come_on_fail_emitters_on_within()
    {
        using var dir = new TempDirectory();
        var result = HilTestData.RunOne(dir, HilTestData.Yaml("on", "- console: { heartbeat: on }", "- wait_ms: 300", "- console: arm", "- expect: { emitters_on_within_ms: 50 }"));

        Assert.StartsWith("not within 50 ms", result.Failure!.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Any_cut_fails_never_cut_and_a_high_count_fails_max_count_below()
    {
        using var dir = new TempDirectory();
        var cut = HilTestData.RunOne(dir, HilTestData.Yaml("cut", Session("- inject: { link: drop }", "- wait_ms: 300", "- inject: { link: restore }", "- expect: { never_cut: true }")));
        var count = HilTestData.RunOne(dir, HilTestData.Yaml("count", Session("- expect: { max_count_below: 200000 }")));

        Assert.Contains("a cut latched at ", cut.Failure!.Message, System.StringComparison.Ordinal);
        Assert.Contains("LinkLost", cut.Failure.Message, System.StringComparison.Ordinal);
        Assert.StartsWith("the count reached ", count.Failure!.Message, System.StringComparison.Ordinal);
        Assert.EndsWith("expected below 200000", count.Failure.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_console_answer_other_than_expected_fails()
    {
        using var dir = new TempDirectory();
        var wrong = HilTestData.RunOne(dir, HilTestData.Yaml("arm", "- console: arm\n  result: Ok"));
        var answered = HilTestData.RunOne(dir, HilTestData.Yaml("none", "- console: arm\n  result: none"));
        var silent = HilTestData.RunOne(dir, HilTestData.Yaml("silent", "- inject: { link: drop }", "- console: arm\n  result: LinkNotHealthy"));

        Assert.Equal("the controller answered LinkNotHealthy; expected Ok", wrong.Failure!.Message);
        Assert.Equal("the controller answered LinkNotHealthy; expected no answer", answered.Failure!.Message);
        Assert.Equal("the controller answered no answer; expected LinkNotHealthy", silent.Failure!.Message);
    }

    [Fact]
    public void A_target_failure_is_an_error_not_a_failure()
    {
        using var dir = new TempDirectory();
        var file = HilTestData.Load(dir, "s.yaml", HilTestData.Yaml("broken", "- wait_ms: 10", "- wait_ms: 10"));
        using var target = new BrokenTarget(failOnAdvance: 2);

        var result = new HilRunner(target).Run(file.Scenarios[0]);

        Assert.Equal(HilOutcome.Error, result.Outcome);
        Assert.Equal("target error: rig unplugged", result.Failure!.Message);
        Assert.Equal(2, result.Failure.Step.Number);
    }

    [Fact]
    public void A_failed_reset_is_an_error_with_no_steps_run()
    {
        using var dir = new TempDirectory();
        var file = HilTestData.Load(dir, "s.yaml", HilTestData.Yaml("reset", "- wait_ms: 10"));
        using var target = new BrokenTarget(failOnAdvance: 0) { FailReset = true };

        var result = new HilRunner(target).Run(file.Scenarios[0]);

        Assert.Equal(HilOutcome.Error, result.Outcome);
        Assert.Empty(result.Steps);
        Assert.Equal("reset failed: rig unplugged", HilJUnitWriter.FailureMessage(result));
    }

    [Fact]
    public void The_runner_resets_the_target_with_the_scenario_seed_and_profile()
    {
        using var dir = new TempDirectory();
        var file = HilTestData.Load(dir, "s.yaml", HilTestData.Yaml("reset", "- wait_ms: 10"));
        using var target = new BrokenTarget(failOnAdvance: 0);

        new HilRunner(target).Run(file.Scenarios[0]);

        Assert.Equal(1, target.Seed);
        Assert.Equal(1000000, target.Profile!.CountLimit);
    }

    [Fact]
    public void Every_repository_scenario_passes_against_a_correct_model()
    {
        var (files, errors) = HilScenarioLoader.Load(HilTestData.RepositoryScenarios());
        Assert.Empty(errors);
        using var target = new FakeChamberTarget();
        var runner = new HilRunner(target);

        foreach (var file in files)
        {
            foreach (var result in runner.RunFile(file).Scenarios)
            {
                Assert.True(result.Outcome == HilOutcome.Passed, file.Path + ": " + result.Scenario.Name + ": " + HilJUnitWriter.FailureMessage(result));
            }
        }
    }

    [Theory]
    [InlineData("link-loss", nameof(FakeChamberTarget.DefectIgnoresLinkLoss))]
    [InlineData("replay-attack", nameof(FakeChamberTarget.DefectIgnoresLinkLoss))]
    [InlineData("unauthorized-update", nameof(FakeChamberTarget.DefectAcceptsForgedConfig))]
    [InlineData("firmware-hang", nameof(FakeChamberTarget.DefectNoKeepAliveCircuit))]
    [InlineData("emitter-stuck-on", nameof(FakeChamberTarget.DefectNoKeepAliveCircuit))]
    [InlineData("over-temperature", nameof(FakeChamberTarget.DefectCutDelayMilliseconds), 130)]
    [InlineData("rogue-replication", nameof(FakeChamberTarget.DefectCutDelayMilliseconds), 190)]
    [InlineData("sensor-nack", nameof(FakeChamberTarget.DefectCutDelayMilliseconds))]
    public void A_repository_scenario_catches_the_defect_it_exists_for(string scenarioFile, string defect, int cutDelayMilliseconds = 40)
    {
        var path = HilTestData.RepositoryScenarios().Single(f => System.IO.Path.GetFileNameWithoutExtension(f) == scenarioFile);
        var errors = new System.Collections.Generic.List<HilScenarioError>();
        var file = HilScenarioLoader.LoadFile(path, errors)!;
        using var target = defect switch
        {
            nameof(FakeChamberTarget.DefectIgnoresLinkLoss) => new FakeChamberTarget { DefectIgnoresLinkLoss = true },
            nameof(FakeChamberTarget.DefectAcceptsForgedConfig) => new FakeChamberTarget { DefectAcceptsForgedConfig = true },
            nameof(FakeChamberTarget.DefectNoKeepAliveCircuit) => new FakeChamberTarget { DefectNoKeepAliveCircuit = true },
            _ => new FakeChamberTarget { DefectCutDelayMilliseconds = cutDelayMilliseconds },
        };

        var results = new HilRunner(target).RunFile(file).Scenarios;

        Assert.Contains(results, r => r.Outcome == HilOutcome.Failed);
    }

    /// <summary>A target whose transport fails on the Nth Advance (or on Reset).</summary>
    private sealed class BrokenTarget(int failOnAdvance) : IHilTarget
    {
        private int _advances;
        private long _now;

        public bool FailReset { get; init; }

        public int Seed { get; private set; }

        public TreatmentProfile? Profile { get; private set; }

        public string Description => "broken";

        public void Reset(int seed, TreatmentProfile? profile)
        {
            if (FailReset)
            {
                throw new HilTargetException("rig unplugged");
            }

            (Seed, Profile) = (seed, profile);
        }

        public void Inject(HilCondition condition)
        {
        }

        public HilConsoleResult Console(HilConsoleAction action) => HilConsoleResult.NoAnswer;

        public void Advance(int milliseconds, IHilTraceSink sink)
        {
            if (++_advances == failOnAdvance)
            {
                throw new HilTargetException("rig unplugged");
            }

            _now += milliseconds * 1000L;
            sink.Record(Observe());
        }

        public HilObservation Observe() => new() { TimeMicroseconds = _now };

        public void Dispose()
        {
        }
    }
}
