using System.Collections.Generic;
using ChamberFirmware.Simulation.Engine;
using ChamberFirmware.Simulation.Report;

namespace ChamberFirmware.Simulation.Scenarios;

/// <summary>
/// A scripted run: what the console and the faults do, in simulated time, and the explicit
/// criteria the run must meet (the invariant is always checked besides). Deterministic from the seed.
/// </summary>
public abstract class Scenario
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    /// <summary>The pass criteria in words (--list-scenarios, docs/simulator.md).</summary>
    public abstract IReadOnlyList<string> PassCriteria { get; }

    /// <summary>Adjusts the setup (plant, provisioning) before the engine is built.</summary>
    public virtual SimulationSetup Configure(SimulationSetup setup) => setup;

    /// <summary>Runs the script on a freshly booted engine and judges the run.</summary>
    public abstract IReadOnlyList<CriterionResult> Run(ChamberSimulation simulation);
}
