using ChamberFirmware.Hal.Simulated.Plant;
using Xunit;

namespace ChamberFirmware.Hal.Tests.Simulated;

public class ChamberPlantTests
{
    private static ChamberPlant Plant(PlantParameters? parameters = null) =>
        new(parameters ?? new PlantParameters { InitialCountSpreadPermille = 0, AmbientSpreadMilliCelsius = 0 }, seed: 1);

    private static void Run(ChamberPlant plant, int channels, int milliseconds)
    {
        for (int i = 0; i < milliseconds; i++)
        {
            plant.Step(channels);
        }
    }

    [Fact]
    public void The_population_grows_while_all_channels_are_powered()
    {
        var plant = Plant();
        Run(plant, 8, 5_000);
        // Net +20.5 %/s for 5 s: e^1.025 ≈ 2.79.
        Assert.InRange(plant.TrueCount, 2_000 * 2.6, 2_000 * 3.0);
    }

    [Fact]
    public void Growth_is_proportional_to_the_number_of_powered_channels()
    {
        var four = Plant();
        var eight = Plant();
        Run(four, 4, 5_000);
        Run(eight, 8, 5_000);
        Assert.True(eight.TrueCount > four.TrueCount * 1.5);
        Assert.True(four.TrueCount > 2_000);
    }

    [Fact]
    public void The_population_decays_while_the_emitters_are_off()
    {
        var plant = Plant(new PlantParameters { InitialCount = 1_000_000, InitialCountSpreadPermille = 0 });
        Run(plant, 0, 20_000);
        // 3.5 %/s for 20 s: e^-0.7 ≈ 0.497.
        Assert.InRange(plant.TrueCount, 480_000, 515_000);
    }

    [Fact]
    public void A_small_population_decays_to_zero_and_stays_there()
    {
        var plant = Plant(new PlantParameters { InitialCount = 10, InitialCountSpreadPermille = 0 });
        Run(plant, 0, 300_000);
        Assert.Equal(0, plant.TrueCount);
        Run(plant, 8, 1_000);
        Assert.Equal(0, plant.TrueCount); // nothing replicates from nothing
    }

    [Fact]
    public void Rogue_replication_runs_away_with_every_emitter_off()
    {
        var plant = Plant();
        plant.RogueReplication = true;
        Run(plant, 0, 5_000);
        // +36.5 %/s for 5 s: e^1.825 ≈ 6.2.
        Assert.InRange(plant.TrueCount, 2_000 * 5.5, 2_000 * 7.0);
    }

    [Fact]
    public void Runaway_saturates_at_the_carrying_capacity()
    {
        var plant = Plant(new PlantParameters { CarryingCapacity = 1_000_000, InitialCountSpreadPermille = 0 });
        plant.RogueReplication = true;
        Run(plant, 8, 60_000);
        Assert.Equal(1_000_000, plant.TrueCount);
    }

    [Fact]
    public void The_temperature_rises_with_emitter_power_and_cools_toward_ambient()
    {
        var plant = Plant();
        Assert.Equal(3_600, plant.TrueTemperatureCentiCelsius);
        Run(plant, 8, 60_000);
        // 8 °C at equilibrium, 60 s of a 50 s time constant: 8 * (1 - e^-1.2) ≈ 5.6 °C.
        Assert.InRange(plant.TrueTemperatureCentiCelsius, 3_600 + 520, 3_600 + 600);
        int hot = plant.TrueTemperatureCentiCelsius;
        Run(plant, 0, 100_000);
        Assert.InRange(plant.TrueTemperatureCentiCelsius, 3_600, hot - 400);
        Run(plant, 0, 1_000_000);
        Assert.InRange(plant.TrueTemperatureCentiCelsius, 3_600, 3_601);
    }

    [Fact]
    public void The_same_seed_gives_the_same_start_and_different_seeds_differ()
    {
        var parameters = new PlantParameters();
        Assert.Equal(new ChamberPlant(parameters, 42).TrueCount, new ChamberPlant(parameters, 42).TrueCount);
        Assert.Equal(new ChamberPlant(parameters, 42).AmbientMilliCelsius, new ChamberPlant(parameters, 42).AmbientMilliCelsius);
        Assert.NotEqual(new ChamberPlant(parameters, 42).TrueCount, new ChamberPlant(parameters, 43).TrueCount);
    }
}
