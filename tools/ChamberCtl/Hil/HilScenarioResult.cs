using System.Collections.Generic;
using System.Linq;

namespace ChamberCtl.Hil;

/// <summary>The result of one scenario: its steps, the whole trace, and the first failure if any.</summary>
internal sealed record HilScenarioResult(HilScenario Scenario, HilOutcome Outcome, IReadOnlyList<HilStepResult> Steps, HilTrace Trace, IReadOnlyList<HilEvent> Events)
{
    public HilStepResult? Failure => Steps.FirstOrDefault(s => s.Outcome != HilOutcome.Passed);

    /// <summary>Target time the scenario took.</summary>
    public long DurationMicroseconds => Trace.Samples.Count == 0 ? 0 : Trace.Samples[^1].TimeMicroseconds - Trace.Samples[0].TimeMicroseconds;

    /// <summary>A problem before the first step (Reset failed): reported as the scenario's error.</summary>
    public string? SetupError { get; init; }
}
