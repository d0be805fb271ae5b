using System.Collections.Generic;
using System.Linq;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Simulation.Engine;
using ChamberFirmware.Simulation.Report;

namespace ChamberFirmware.Simulation.Scenarios;

/// <summary>A normal session: arm, start, the closed loop holds the count near the target, the session completes.</summary>
public sealed class TreatmentScenario : Scenario
{
    public override string Name => "treatment";

    public override string Description => "a normal 20 s session completes with no cut";

    public override IReadOnlyList<string> PassCriteria =>
    [
        "the session reaches Completed within its duration + 2 s",
        "no cut",
        "the true count never reaches the profile's CountLimit",
        "the closed loop brings the count to at least 80 % of the target",
    ];

    public override IReadOnlyList<CriterionResult> Run(ChamberSimulation simulation)
    {
        TreatmentProfile profile = ScenarioScript.StandardProfile();
        ScenarioScript.StartTreatment(simulation, profile);
        bool completed = simulation.AdvanceUntil(s => s.State == ChamberState.Completed, profile.DurationMilliseconds + 2_000);
        simulation.AdvanceMilliseconds(500);
        return
        [
            ScenarioScript.Criterion("session completed", completed, $"state {simulation.State} at {simulation.NowMilliseconds} ms"),
            ScenarioScript.Criterion("no cut", simulation.Cuts.Count == 0, simulation.Cuts.Count == 0 ? "none" : string.Join(", ", simulation.Cuts.Select(c => c.Reason))),
            ScenarioScript.Criterion("count stayed below the limit", simulation.MaxCount < profile.CountLimit, $"max true count {simulation.MaxCount} (limit {profile.CountLimit})"),
            ScenarioScript.Criterion("count reached the target", simulation.MaxCount >= profile.TargetCount * 8 / 10, $"max true count {simulation.MaxCount} (target {profile.TargetCount})"),
        ];
    }
}
