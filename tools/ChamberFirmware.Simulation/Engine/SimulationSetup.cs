using ChamberFirmware.Hal.Simulated.Plant;
using ChamberFirmware.Simulation.Firmware;

namespace ChamberFirmware.Simulation.Engine;

/// <summary>What a simulation is built from. Everything random in a run derives from <see cref="Seed"/>.</summary>
public sealed record SimulationSetup
{
    public const int DefaultSeed = 20240611;

    public int Seed { get; init; } = DefaultSeed;

    public FirmwareFactory Firmware { get; init; } = RuntimeFirmware.Factory;

    public ProvisioningMode Provisioning { get; init; } = ProvisioningMode.SeedKey;

    /// <summary>The key for <see cref="ProvisioningMode.GivenKey"/> (32 bytes).</summary>
    public byte[]? LinkKey { get; init; }

    public PlantParameters? Plant { get; init; }

    /// <summary>Whether the provisioning jumper is fitted (factory bench) at start.</summary>
    public bool JumperFitted { get; init; }

    /// <summary>
    /// Device nonces from the OS CSPRNG instead of the seed. Required whenever the link is served on
    /// a socket (RealTimeHost refuses otherwise): a seeded device nonce repeats after a restart, and
    /// a recorded session would verify again. Seeded nonces are for closed, in-process runs only.
    /// </summary>
    public bool CryptographicDeviceNonces { get; init; }

    /// <summary>Serial number written into a provisioned simulated device.</summary>
    public string SerialNumber { get; init; } = "SIM-0001";
}
