using System;
using ChamberFirmware.Simulation.Engine;
using ChamberFirmware.Simulation.Report;

namespace ChamberFirmware.Simulation.Scenarios;

/// <summary>Builds an engine for a scenario and seed, runs the script, returns the report.</summary>
public static class ScenarioRunner
{
    public static SimulationReport Run(Scenario scenario, int seed, SimulationSetup? baseSetup = null) => Run(scenario, seed, baseSetup, null);

    /// <summary>As Run, with <paramref name="onBuilt"/> called on the booted engine before the script starts (live play: pacer, bridge).</summary>
    public static SimulationReport Run(Scenario scenario, int seed, SimulationSetup? baseSetup, Action<ChamberSimulation>? onBuilt)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var setup = scenario.Configure((baseSetup ?? new SimulationSetup()) with { Seed = seed });
        var simulation = new ChamberSimulation(setup);
        onBuilt?.Invoke(simulation);
        var criteria = scenario.Run(simulation);
        return simulation.BuildReport(scenario.Name, criteria);
    }
}
