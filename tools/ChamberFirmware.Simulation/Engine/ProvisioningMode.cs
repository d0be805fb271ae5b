namespace ChamberFirmware.Simulation.Engine;

/// <summary>How the simulated device's configuration store starts.</summary>
public enum ProvisioningMode
{
    /// <summary>Provisioned with a link key derived from the seed (scenarios and fuzzing: reproducible, simulation only).</summary>
    SeedKey,
    /// <summary>Provisioned with the key given in <see cref="SimulationSetup.LinkKey"/> (the real-time simulator's per-run development key).</summary>
    GivenKey,
    /// <summary>Empty store, as from the factory: no key, no session until a FactoryProvision with the jumper fitted.</summary>
    FactoryFresh,
}
