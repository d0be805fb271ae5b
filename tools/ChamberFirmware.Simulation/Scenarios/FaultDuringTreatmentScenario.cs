using System;
using System.Collections.Generic;
using System.Linq;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Simulation.Engine;
using ChamberFirmware.Simulation.Report;

namespace ChamberFirmware.Simulation.Scenarios;

/// <summary>
/// The common shape of the hazard scenarios: a session runs and holds the count near its target,
/// then one thing goes wrong; the supervisor must cut for the expected reason and the bank must be
/// truly unpowered within that hazard's detection budget.
/// </summary>
public sealed class FaultDuringTreatmentScenario : Scenario
{
    private readonly Action<ChamberSimulation> _fault;
    private readonly Func<ChamberSimulation, IEnumerable<CriterionResult>>? _extra;
    private readonly Func<SimulationSetup, SimulationSetup>? _configure;
    private readonly Action<ChamberSimulation>? _beforeStart;

    public FaultDuringTreatmentScenario(
        string name, string description, string faultWords, CutReasons expected, HazardKindName hazard,
        Action<ChamberSimulation> fault, int maxActiveChannels = 8, int faultAfterMilliseconds = 10_000,
        Func<ChamberSimulation, IEnumerable<CriterionResult>>? extra = null, IReadOnlyList<string>? extraCriteria = null,
        Func<SimulationSetup, SimulationSetup>? configure = null, Action<ChamberSimulation>? beforeStart = null, int observeMilliseconds = 0)
    {
        Name = name;
        Description = description;
        Expected = expected;
        Hazard = hazard.Value;
        _fault = fault;
        MaxActiveChannels = maxActiveChannels;
        FaultAfterMilliseconds = faultAfterMilliseconds;
        _extra = extra;
        _configure = configure;
        _beforeStart = beforeStart;
        ObserveMilliseconds = observeMilliseconds > 0 ? observeMilliseconds : (faultAfterMilliseconds > 0 ? 3_000 : 30_000);
        PassCriteria =
        [
            FaultAfterMilliseconds > 0 ? $"{faultWords} {FaultAfterMilliseconds / 1000} s into an Active session" : $"{faultWords} during an Active session",
            $"the first cut carries {expected}",
            $"the ground-truth hazard at the cut is {Hazard}",
            "the bank is truly unpowered within that hazard's detection budget (docs/simulator.md)",
            "the chamber ends latched in SafeStop",
            .. extraCriteria ?? [],
        ];
    }

    public override string Name { get; }

    public override string Description { get; }

    public override IReadOnlyList<string> PassCriteria { get; }

    public CutReasons Expected { get; }

    public string Hazard { get; }

    public int MaxActiveChannels { get; }

    public int FaultAfterMilliseconds { get; }

    /// <summary>How long the run goes on after the fault (longer than the hazard's budget).</summary>
    public int ObserveMilliseconds { get; }

    public override SimulationSetup Configure(SimulationSetup setup) => _configure is null ? setup : _configure(setup);

    public override IReadOnlyList<CriterionResult> Run(ChamberSimulation simulation)
    {
        TreatmentProfile profile = ScenarioScript.StandardProfile(durationMilliseconds: 60_000, maxActiveChannels: MaxActiveChannels);
        _beforeStart?.Invoke(simulation);
        ScenarioScript.StartTreatment(simulation, profile);
        simulation.AdvanceMilliseconds(FaultAfterMilliseconds);
        _fault(simulation);
        simulation.AdvanceMilliseconds(ObserveMilliseconds);
        var criteria = ScenarioScript.CutWithinBudget(simulation, Expected, Hazard).ToList();
        criteria.Add(ScenarioScript.EndsIn(simulation, ChamberState.SafeStop));
        if (_extra is not null)
        {
            criteria.AddRange(_extra(simulation));
        }

        return criteria;
    }
}

/// <summary>A hazard's name as the report writes it (keeps the scenario table readable).</summary>
public readonly record struct HazardKindName(string Value)
{
    public static implicit operator HazardKindName(Safety.HazardKind kind) => new(kind.ToString());
}
