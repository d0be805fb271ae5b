using ChamberFirmware.Core.Safety;
using ChamberFirmware.Hal.Sensors;
using Xunit;

namespace ChamberFirmware.Core.Tests.Safety;

/// <summary>TemperatureMonitor alone: status and range, freshness, the frozen-reading window, the limit and the clear margin.</summary>
public class TemperatureMonitorTests
{
    private const long ReadPeriod = 50_000;
    private const int Limit = 4200;

    private readonly TemperatureMonitor _temperature = new TemperatureMonitor();
    private readonly SupervisorInputs _inputs = new SupervisorInputs();
    private long _time = 1_000_000;

    public TemperatureMonitorTests()
    {
        _temperature.ApplySettings(0, Limit);
    }

    private void Read(int centiCelsius, SensorReadStatus status = SensorReadStatus.Ok, long after = ReadPeriod)
    {
        _time += after;
        _inputs.TemperatureReadMicroseconds = _time;
        _inputs.TemperatureStatus = status;
        _inputs.TemperatureCentiCelsius = centiCelsius;
        _temperature.Ingest(_inputs);
    }

    private CutReasons Conditions() => _temperature.Conditions(_time);

    [Fact]
    public void Before_any_read_the_sensor_is_a_fault()
    {
        Assert.Equal(CutReasons.SensorFault, _temperature.Conditions(0));
        Assert.Equal(CutReasons.SensorFault | CutReasons.OverTemperature, _temperature.ClearBlockers(0));
    }

    [Fact]
    public void The_first_read_is_taken_even_at_time_zero_and_at_zero_degrees()
    {
        _inputs.TemperatureReadMicroseconds = 0;
        _inputs.TemperatureStatus = SensorReadStatus.Ok;
        _inputs.TemperatureCentiCelsius = 0;
        _temperature.Ingest(_inputs);
        Assert.Equal(CutReasons.None, _temperature.Conditions(0));
    }

    [Fact]
    public void A_first_reading_of_zero_long_after_boot_is_not_frozen()
    {
        Read(0, after: 10 * SafetyTiming.TemperatureFrozenMicroseconds);
        Assert.Equal(CutReasons.None, Conditions());
    }

    [Fact]
    public void A_read_with_the_same_time_is_not_taken_again()
    {
        Read(3700);
        _inputs.TemperatureStatus = SensorReadStatus.BusError;
        _temperature.Ingest(_inputs);
        Assert.Equal(CutReasons.None, Conditions());
        _inputs.TemperatureStatus = SensorReadStatus.Ok;
        _inputs.TemperatureCentiCelsius = 4300;
        _temperature.Ingest(_inputs);
        Assert.Equal(3700, _temperature.Temperature);
    }

    [Fact]
    public void Over_temperature_at_the_limit_and_not_one_hundredth_below()
    {
        Read(Limit - 1);
        Assert.Equal(CutReasons.None, Conditions());
        Read(Limit);
        Assert.Equal(CutReasons.OverTemperature, Conditions());
    }

    [Fact]
    public void The_offset_is_added_before_the_limit()
    {
        _temperature.ApplySettings(150, Limit);
        Read(Limit - 151);
        Assert.Equal(Limit - 1, _temperature.Temperature);
        Assert.Equal(CutReasons.None, Conditions());
        Read(Limit - 150);
        Assert.Equal(CutReasons.OverTemperature, Conditions());
    }

    [Theory]
    [InlineData(SafetyTiming.TemperatureRangeMinimum, true)]
    [InlineData(SafetyTiming.TemperatureRangeMinimum - 1, false)]
    [InlineData(SafetyTiming.TemperatureRangeMaximum, true)]
    [InlineData(SafetyTiming.TemperatureRangeMaximum + 1, false)]
    public void The_range_is_checked_on_the_raw_reading_ends_included(int raw, bool accepted)
    {
        // The offset would move each end across the range; the rule must not see it.
        _temperature.ApplySettings(raw < 0 ? 500 : -500, Limit);
        Read(raw);
        Assert.Equal(accepted ? CutReasons.None : CutReasons.SensorFault, Conditions() & CutReasons.SensorFault);
    }

    [Theory]
    [InlineData(SensorReadStatus.CrcMismatch)]
    [InlineData(SensorReadStatus.ClockStretchTimeout)]
    [InlineData(SensorReadStatus.OutOfRange)]
    public void A_failed_read_is_a_fault_at_once_and_keeps_the_last_temperature(SensorReadStatus status)
    {
        Read(3700);
        Read(3800, status);
        Assert.Equal(CutReasons.SensorFault, Conditions());
        Assert.Equal(3700, _temperature.Temperature);
        Read(3701);
        Assert.Equal(CutReasons.None, Conditions());
    }

    [Fact]
    public void Not_ready_is_no_fault_and_does_not_heal_one()
    {
        Read(3700);
        Read(9999, SensorReadStatus.NotReady);
        Assert.Equal(CutReasons.None, Conditions());
        Assert.Equal(3700, _temperature.Temperature);
        Read(3700, SensorReadStatus.BusError);
        Read(3701, SensorReadStatus.NotReady);
        Assert.Equal(CutReasons.SensorFault, Conditions());
    }

    [Fact]
    public void A_reading_is_fresh_for_exactly_one_second_from_its_read_time()
    {
        Read(3700);
        long edge = _time + SafetyTiming.TemperatureFreshnessMicroseconds;
        Assert.Equal(CutReasons.None, _temperature.Conditions(edge));
        Assert.Equal(CutReasons.None, _temperature.ClearBlockers(edge));
        Assert.Equal(CutReasons.SensorFault, _temperature.Conditions(edge + 1));
        Assert.Equal(CutReasons.SensorFault | CutReasons.OverTemperature, _temperature.ClearBlockers(edge + 1));
    }

    [Fact]
    public void An_unhealthy_sensor_reports_only_the_fault_even_when_hot()
    {
        Read(4500);
        Read(4500, SensorReadStatus.BusError);
        Assert.Equal(CutReasons.SensorFault, Conditions());
    }

    [Fact]
    public void The_same_reading_is_live_just_under_the_frozen_window_and_frozen_at_it()
    {
        Read(3700);
        long changedAt = _time;
        Read(3700, after: SafetyTiming.TemperatureFrozenMicroseconds - 1);
        Assert.Equal(CutReasons.None, Conditions());
        Read(3700, after: 1);
        Assert.Equal(_time, changedAt + SafetyTiming.TemperatureFrozenMicroseconds);
        Assert.Equal(CutReasons.SensorFault, Conditions());
    }

    [Fact]
    public void A_frozen_reading_is_not_taken_as_the_temperature()
    {
        _temperature.ApplySettings(0, 4000);
        Read(3900);
        for (int i = 0; i < 100; i++) Read(3900);
        Assert.Equal(CutReasons.SensorFault, Conditions());
        Read(3901); // moves again: accepted at once
        Assert.Equal(CutReasons.None, Conditions());
        Assert.Equal(3901, _temperature.Temperature);
    }

    [Fact]
    public void A_change_of_one_hundredth_restarts_the_frozen_window_from_its_own_read()
    {
        Read(3700);
        Read(3700, after: SafetyTiming.TemperatureFrozenMicroseconds - 10);
        Read(3701, after: 5);
        Read(3701, after: SafetyTiming.TemperatureFrozenMicroseconds - 1);
        Assert.Equal(CutReasons.None, Conditions());
        Read(3701, after: 1);
        Assert.Equal(CutReasons.SensorFault, Conditions());
    }

    [Fact]
    public void A_reading_that_changes_at_every_read_is_never_frozen()
    {
        for (int i = 0; i < 400; i++)
        {
            Read(3700 + (i & 1));
            Assert.Equal(CutReasons.None, Conditions());
        }
    }

    [Fact]
    public void A_failed_read_does_not_restart_the_frozen_window()
    {
        Read(3700);
        long changedAt = _time;
        Read(3700, SensorReadStatus.BusError, after: 1_000_000);
        _time = changedAt + SafetyTiming.TemperatureFrozenMicroseconds - ReadPeriod;
        Read(3700);
        Assert.Equal(CutReasons.SensorFault, Conditions());
    }

    [Fact]
    public void A_clear_is_blocked_until_two_degrees_below_the_limit()
    {
        Read(Limit - SafetyTiming.RearmTemperatureMarginCentiCelsius + 1);
        Assert.Equal(CutReasons.OverTemperature, _temperature.ClearBlockers(_time));
        Read(Limit - SafetyTiming.RearmTemperatureMarginCentiCelsius);
        Assert.Equal(CutReasons.None, _temperature.ClearBlockers(_time));
    }
}
