using ChamberFirmware.Core.Treatment;
using Xunit;

namespace ChamberFirmware.Core.Tests.Treatment;

public class IntensityControllerTests
{
    private static IntensityController Started(int ramp = 4, int maxChannels = 6)
    {
        var controller = new IntensityController();
        TreatmentProfile profile = ChamberRig.Profile();
        profile.RampChannelsPerSecond = ramp;
        profile.MaxActiveChannels = maxChannels;
        controller.Start(profile);
        return controller;
    }

    [Fact]
    public void Below_target_it_adds_at_most_one_channel_per_ramp_interval()
    {
        IntensityController controller = Started(ramp: 4); // one per 250 ms
        Assert.Equal(1, controller.Step(5000, 0));
        Assert.Equal(1, controller.Step(5000, 249_999));
        Assert.Equal(2, controller.Step(5000, 250_000));
        Assert.Equal(0b11, controller.Mask);
    }

    [Fact]
    public void It_never_exceeds_max_active_channels()
    {
        IntensityController controller = Started(ramp: 8, maxChannels: 3);
        for (long t = 0; t < 5_000_000; t += 10_000) controller.Step(5000, t);
        Assert.Equal(3, controller.ActiveChannels);
        Assert.Equal(0b111, controller.Mask);
    }

    [Fact]
    public void Inside_the_dead_band_it_holds()
    {
        IntensityController controller = Started();
        controller.Step(5000, 0);
        Assert.Equal(1, controller.Step(20_000 + 400, 1_000_000)); // dead band is 2 % of 20 000
        Assert.Equal(1, controller.Step(20_000 - 400, 2_000_000));
    }

    [Fact]
    public void Above_the_dead_band_it_drops_one_channel_per_step()
    {
        IntensityController controller = Started(ramp: 8);
        for (long t = 0; t < 1_000_000; t += 125_000) controller.Step(5000, t);
        int before = controller.ActiveChannels;
        Assert.Equal(before - 1, controller.Step(20_401, 2_000_000));
    }

    [Fact]
    public void Halfway_to_the_limit_it_switches_everything_off()
    {
        IntensityController controller = Started(ramp: 8);
        for (long t = 0; t < 1_000_000; t += 125_000) controller.Step(5000, t);
        Assert.Equal(0, controller.Step(30_000, 2_000_000)); // target 20 000, limit 40 000
        Assert.Equal(0, controller.Mask);
    }
}
