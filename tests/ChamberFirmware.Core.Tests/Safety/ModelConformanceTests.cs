using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ChamberFirmware.Core.Tests.Diagnostics;
using Xunit;

namespace ChamberFirmware.Core.Tests.Safety;

/// <summary>
/// Model and code cannot drift apart silently: the checked-in spin traces of docs/model/supervisor.pml
/// (random simulations with fixed seeds, regenerated and compared by docs/model/check.sh in CI) are
/// replayed on the real SafetySupervisor and LinkServer, and after every step the C# state must
/// equal the model's: mode, self-test phase, emitters on/off, keep-alive, latched reasons, binding,
/// Active, and every command's result. docs/safety.md, "Model checking".
/// </summary>
public sealed class ModelConformanceTests
{
    public static IEnumerable<object[]> Seeds() => Enumerable.Range(1, 8).Select(seed => new object[] { seed });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_supervisor_and_the_link_follow_the_model_along_its_simulation(int seed)
    {
        IReadOnlyList<ModelTraceStep> steps = Load($"seed-{seed}.txt");
        Assert.True(steps.Count > 300, $"seed {seed}: only {steps.Count} steps");

        string? divergence = Replay(steps, out int played);

        Assert.True(divergence is null, divergence);
        Assert.Equal(steps.Count, played);
    }

    [Fact]
    public void The_traces_reach_every_behaviour_the_properties_are_about()
    {
        var all = Enumerable.Range(1, 8).SelectMany(seed => Load($"seed-{seed}.txt")).ToList();

        Assert.Contains(all, s => s.Kind == "tick" && s.Emit);                                      // an emitter on under a lease
        Assert.Contains(all, s => s.Kind == "clear" && s.Arg("ok") == 1);                           // an accepted clear
        Assert.Contains(all, s => s.Kind == "clear" && s.Arg("ok") == 0 && s.Arg("still") != 0);    // a clear refused by blockers
        Assert.Contains(all, s => s.Kind == "tick" && (s.Latched & 256) != 0);                      // a failed self-test
        Assert.Contains(all, s => s.Kind == "tick" && (s.Latched & 16) != 0);                       // an emitter mismatch
        Assert.Contains(all, s => s.Kind == "tick" && (s.Latched & 8) != 0);                        // a link loss
        Assert.Contains(all, s => s.Kind == "tick" && (s.Latched & 4) != 0);                        // a sensor fault
        Assert.Contains(all, s => s.Kind == "confirm" && s.Active && s.Arg("c") != 3 && s.Arg("ok") == 0 && s.Bound != s.Arg("c")); // takeover refused
        Assert.Contains(all, s => s.Kind == "confirm" && s.Arg("ok") == 1 && s.Bound == 2);         // B bound
        Assert.Contains(all, s => s.Kind == "confirm" && s.Arg("c") == 3);                          // X tried
    }

    /// <summary>
    /// The counterexample spin finds in the model with the planted bug (BUG_CLEAR_IGNORES_LINK) is a
    /// clear the buggy model accepts after a link loss; the real supervisor must refuse it, at that step.
    /// </summary>
    [Fact]
    public void The_supervisor_refuses_the_clear_the_buggy_model_accepts()
    {
        IReadOnlyList<ModelTraceStep> steps = Load("bug-clear-ignores-link.txt");

        string? divergence = Replay(steps, out int played);

        Assert.Equal(steps.Count, played);
        Assert.Equal("clear", steps[^1].Kind);
        Assert.NotNull(divergence);
        Assert.Contains("TryClear accepted: model 1, C# 0", divergence);
        Assert.Contains($"line {steps[^1].LineNumber}:", divergence);
    }

    [Fact]
    public void A_line_that_is_not_a_model_step_is_refused_with_its_number()
    {
        var ex = Assert.Throws<FormatException>(() => ModelTraceStep.Parse("M tick err=0 | mode=9", 7));

        Assert.Contains("trace line 7", ex.Message);
    }

    /// <summary>Plays the steps; returns the first difference (with its line) or null.</summary>
    private static string? Replay(IReadOnlyList<ModelTraceStep> steps, out int played)
    {
        var rig = new ModelConformanceRig();
        played = 0;
        foreach (ModelTraceStep step in steps)
        {
            string? mismatch = rig.Apply(step) ?? Compare(step, rig);
            played++;
            if (mismatch is not null)
            {
                return $"line {step.LineNumber}: {mismatch} after '{step.Text}'";
            }
        }

        return null;
    }

    private static string? Compare(ModelTraceStep model, ModelConformanceRig rig)
    {
        var differences = new List<string>();
        void Check(string what, int expected, int actual)
        {
            if (expected != actual)
            {
                differences.Add($"{what}: model {expected}, C# {actual}");
            }
        }

        Check("mode", model.Mode, (int)rig.Supervisor.Mode);
        Check("phase", model.Phase, (int)rig.Supervisor.SelfTestPhase);
        Check("emitters on", model.Emit ? 1 : 0, rig.Outputs.EmitterMask != 0 ? 1 : 0);
        Check("keep-alive", model.KeepAlive ? 1 : 0, rig.Outputs.ToggleKeepAlive ? 1 : 0);
        Check("latched", model.Latched, (int)rig.Supervisor.LatchedReasons);
        Check("bound console", model.Bound, rig.ObservedBound);
        Check("Active", model.Active ? 1 : 0, rig.Control.Active ? 1 : 0);
        return differences.Count == 0 ? null : string.Join("; ", differences);
    }

    private static IReadOnlyList<ModelTraceStep> Load(string name)
    {
        string path = Path.Combine(GoldenFixture.RepoRoot(), "docs", "model", "traces", name);
        return File.ReadAllLines(path)
            .Select((line, index) => (line, number: index + 1))
            .Where(x => x.line.Length > 0)
            .Select(x => ModelTraceStep.Parse(x.line, x.number))
            .ToList();
    }
}
