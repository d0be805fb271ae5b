using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Safety;
using Xunit;

namespace ChamberFirmware.Core.Tests.Safety;

public class SafetySettingsTests
{
    [Fact]
    public void The_default_settings_are_valid()
    {
        Assert.True(SafetySettingsValidator.Validate(new ChamberSettings(), out SettingsField field));
        Assert.Equal(SettingsField.None, field);
        Assert.Equal(HardLimits.LinkTimeoutDefaultMilliseconds, new ChamberSettings().LinkTimeoutMilliseconds);
    }

    [Theory]
    [InlineData(SettingsField.LinkTimeout, HardLimits.LinkTimeoutMinMilliseconds - 1)]
    [InlineData(SettingsField.LinkTimeout, HardLimits.LinkTimeoutMaxMilliseconds + 1)]
    [InlineData(SettingsField.OverTemperature, HardLimits.OverTemperatureMaxCentiCelsius + 1)]
    [InlineData(SettingsField.OverTemperature, SafetySettingsValidator.OverTemperatureMinCentiCelsius - 1)]
    [InlineData(SettingsField.RearmCountPermille, SafetySettingsValidator.RearmCountPermilleMax + 1)]
    [InlineData(SettingsField.RearmCountPermille, SafetySettingsValidator.RearmCountPermilleMin - 1)]
    [InlineData(SettingsField.RearmHeartbeats, SafetySettingsValidator.RearmHeartbeatsMin - 1)]
    [InlineData(SettingsField.RearmHeartbeats, SafetySettingsValidator.RearmHeartbeatsMax + 1)]
    [InlineData(SettingsField.CounterGain, SafetySettingsValidator.CounterGainPermilleMin - 1)]
    [InlineData(SettingsField.CounterGain, SafetySettingsValidator.CounterGainPermilleMax + 1)]
    [InlineData(SettingsField.TemperatureOffset, -SafetySettingsValidator.TemperatureOffsetMaxMagnitudeCentiCelsius - 1)]
    [InlineData(SettingsField.TemperatureOffset, SafetySettingsValidator.TemperatureOffsetMaxMagnitudeCentiCelsius + 1)]
    public void A_field_outside_its_hard_bounds_is_rejected_by_name(SettingsField expected, int value)
    {
        var settings = new ChamberSettings();
        Set(settings, expected, value);
        Assert.False(SafetySettingsValidator.Validate(settings, out SettingsField field));
        Assert.Equal(expected, field);
    }

    [Theory]
    [InlineData(SettingsField.LinkTimeout, HardLimits.LinkTimeoutMinMilliseconds)]
    [InlineData(SettingsField.LinkTimeout, HardLimits.LinkTimeoutMaxMilliseconds)]
    [InlineData(SettingsField.OverTemperature, HardLimits.OverTemperatureMaxCentiCelsius)]
    [InlineData(SettingsField.RearmHeartbeats, SafetySettingsValidator.RearmHeartbeatsMin)]
    [InlineData(SettingsField.CounterGain, SafetySettingsValidator.CounterGainPermilleMax)]
    [InlineData(SettingsField.OverTemperature, SafetySettingsValidator.OverTemperatureMinCentiCelsius)]
    [InlineData(SettingsField.RearmCountPermille, SafetySettingsValidator.RearmCountPermilleMin)]
    [InlineData(SettingsField.RearmCountPermille, SafetySettingsValidator.RearmCountPermilleMax)]
    [InlineData(SettingsField.RearmHeartbeats, SafetySettingsValidator.RearmHeartbeatsMax)]
    [InlineData(SettingsField.CounterGain, SafetySettingsValidator.CounterGainPermilleMin)]
    [InlineData(SettingsField.TemperatureOffset, -SafetySettingsValidator.TemperatureOffsetMaxMagnitudeCentiCelsius)]
    [InlineData(SettingsField.TemperatureOffset, SafetySettingsValidator.TemperatureOffsetMaxMagnitudeCentiCelsius)]
    public void A_field_at_its_bound_is_accepted(SettingsField field, int value)
    {
        var settings = new ChamberSettings();
        Set(settings, field, value);
        Assert.True(SafetySettingsValidator.Validate(settings, out _));
    }

    [Fact]
    public void Null_settings_are_rejected_not_thrown()
    {
        Assert.False(SafetySettingsValidator.Validate(null!, out SettingsField field));
        Assert.NotEqual(SettingsField.None, field);
    }

    [Fact]
    public void The_supervisor_applies_settings_only_while_idle_and_then_uses_them()
    {
        var rig = new SupervisorRig().Warm();
        Assert.True(rig.Supervisor.TryApplySettings(new ChamberSettings { LinkTimeoutMilliseconds = 1000 }, out _));
        Assert.Equal(1_000_000, rig.Supervisor.LinkTimeoutMicroseconds);
        rig.Arm();
        Assert.False(rig.Supervisor.TryApplySettings(new ChamberSettings { LinkTimeoutMilliseconds = 2000 }, out SettingsField field));
        Assert.Equal(SettingsField.None, field);
        Assert.Equal(1_000_000, rig.Supervisor.LinkTimeoutMicroseconds);
    }

    [Fact]
    public void The_supervisor_refuses_to_start_with_settings_out_of_bounds()
    {
        var ex = Assert.Throws<System.ArgumentException>(() => new SafetySupervisor(new ChamberSettings { LinkTimeoutMilliseconds = 10_000 }));
        Assert.Equal("settings", ex.ParamName);
        Assert.StartsWith("settings out of hard bounds", ex.Message);
    }

    [Fact]
    public void The_supervisor_refuses_settings_out_of_bounds_by_name_and_keeps_its_own()
    {
        var supervisor = new SafetySupervisor(new ChamberSettings { LinkTimeoutMilliseconds = 500 });
        Assert.False(supervisor.TryApplySettings(new ChamberSettings { LinkTimeoutMilliseconds = 10_000 }, out SettingsField field));
        Assert.Equal(SettingsField.LinkTimeout, field);
        Assert.Equal(500_000, supervisor.LinkTimeoutMicroseconds);
    }

    private static void Set(ChamberSettings settings, SettingsField field, int value)
    {
        switch (field)
        {
            case SettingsField.LinkTimeout: settings.LinkTimeoutMilliseconds = value; break;
            case SettingsField.OverTemperature: settings.OverTemperatureCentiCelsius = value; break;
            case SettingsField.RearmCountPermille: settings.RearmCountPermille = value; break;
            case SettingsField.RearmHeartbeats: settings.RearmHeartbeats = value; break;
            case SettingsField.CounterGain: settings.CounterGainPermille = value; break;
            case SettingsField.TemperatureOffset: settings.TemperatureOffsetCentiCelsius = value; break;
        }
    }
}
