using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;
using Xunit;

namespace ChamberFirmware.Core.Tests.Treatment;

public class TreatmentProfileValidatorTests
{
    [Fact]
    public void A_profile_inside_every_bound_is_accepted()
    {
        Assert.True(TreatmentProfileValidator.Validate(ChamberRig.Profile(), out ProfileField field, out string reason));
        Assert.Equal(ProfileField.None, field);
        Assert.Null(reason);
    }

    [Theory]
    [InlineData(ProfileField.CountLimit, HardLimits.CountCeiling + 1)]
    [InlineData(ProfileField.CountLimit, HardLimits.MinTargetCount)]
    [InlineData(ProfileField.TargetCount, HardLimits.MinTargetCount - 1)]
    [InlineData(ProfileField.TargetCount, 36_001)]          // above 90 % of the 40 000 limit
    [InlineData(ProfileField.TargetCount, 40_000)]          // at the limit
    [InlineData(ProfileField.GrowthLimit, HardLimits.MinGrowthLimitPermillePerSecond - 1)]
    [InlineData(ProfileField.GrowthLimit, HardLimits.MaxGrowthLimitPermillePerSecond + 1)]
    [InlineData(ProfileField.Duration, HardLimits.MinDurationMilliseconds - 1)]
    [InlineData(ProfileField.Duration, HardLimits.MaxDurationMilliseconds + 1)]
    [InlineData(ProfileField.RampRate, 0)]
    [InlineData(ProfileField.RampRate, HardLimits.MaxRampChannelsPerSecond + 1)]
    [InlineData(ProfileField.MaxActiveChannels, 0)]
    [InlineData(ProfileField.MaxActiveChannels, HardLimits.EmitterChannels + 1)]
    public void A_field_outside_its_bounds_is_rejected_by_name_with_a_reason(ProfileField expected, int value)
    {
        TreatmentProfile profile = ChamberRig.Profile();
        switch (expected)
        {
            case ProfileField.CountLimit: profile.CountLimit = value; profile.TargetCount = HardLimits.MinTargetCount; break;
            case ProfileField.TargetCount: profile.TargetCount = value; break;
            case ProfileField.GrowthLimit: profile.GrowthLimitPermillePerSecond = value; break;
            case ProfileField.Duration: profile.DurationMilliseconds = value; break;
            case ProfileField.RampRate: profile.RampChannelsPerSecond = value; break;
            case ProfileField.MaxActiveChannels: profile.MaxActiveChannels = value; break;
        }

        Assert.False(TreatmentProfileValidator.Validate(profile, out ProfileField field, out string reason));
        Assert.Equal(expected, field);
        Assert.False(string.IsNullOrEmpty(reason));
    }

    [Fact]
    public void The_bounds_themselves_are_accepted()
    {
        var profile = new TreatmentProfile
        {
            CountLimit = HardLimits.CountCeiling,
            TargetCount = HardLimits.CountCeiling / 10 * 9,
            GrowthLimitPermillePerSecond = HardLimits.MaxGrowthLimitPermillePerSecond,
            DurationMilliseconds = HardLimits.MaxDurationMilliseconds,
            RampChannelsPerSecond = HardLimits.MaxRampChannelsPerSecond,
            MaxActiveChannels = HardLimits.EmitterChannels,
        };
        Assert.True(TreatmentProfileValidator.Validate(profile, out _, out _));
    }

    [Fact]
    public void A_missing_profile_is_rejected_not_thrown()
    {
        Assert.False(TreatmentProfileValidator.Validate(null!, out _, out string reason));
        Assert.Equal(TreatmentProfileValidator.MissingProfile, reason);
    }
}
