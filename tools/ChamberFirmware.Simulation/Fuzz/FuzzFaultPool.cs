namespace ChamberFirmware.Simulation.Fuzz;

/// <summary>Which faults the fuzzer draws from.</summary>
public enum FuzzFaultPool
{
    /// <summary>Every fault the supervisor is specified to detect (docs/simulator.md lists the exclusions).</summary>
    Detectable,
    /// <summary>Also the faults no single-sensor check can see (a counter or thermometer frozen at a plausible value).</summary>
    All,
}
