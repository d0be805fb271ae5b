namespace ChamberFirmware.Simulation.Fuzz;

/// <summary>Which faults the fuzzer draws from.</summary>
public enum FuzzFaultPool
{
    /// <summary>Every fault except those listed in <see cref="FuzzFaults.Undetectable"/> (none at present).</summary>
    Detectable,
    /// <summary>Every named fault, whether or not it is listed as undetectable.</summary>
    All,
}
