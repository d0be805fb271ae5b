using ChamberFirmware.Hal.Board;
using ChamberFirmware.Hal.Simulated;
using Xunit;

namespace ChamberFirmware.Hal.Tests.Drivers;

public class AlarmAndJumperTests
{
    [Fact]
    public void Led_and_buzzer_are_written_only_on_change()
    {
        var chamber = new SimulatedChamber(1, new ManualClock());
        var alarm = new ChamberDrivers(chamber).Alarm;

        alarm.SetLed(false); // first call writes: the level after reset is not known to software
        alarm.SetLed(false);
        alarm.SetLed(true);
        alarm.SetLed(true);
        alarm.SetBuzzer(true);
        alarm.SetBuzzer(true);
        alarm.SetBuzzer(false);

        Assert.Equal(2, chamber.StatusLedPin.WriteCount);
        Assert.Equal(2, chamber.BuzzerPin.WriteCount);
        Assert.True(chamber.StatusLedPin.Level);
        Assert.False(chamber.BuzzerPin.Level);
        Assert.Equal(4, alarm.PinWrites);
    }

    [Fact]
    public void The_alarm_sets_led_and_buzzer_together_writing_only_what_changed()
    {
        var chamber = new SimulatedChamber(1, new ManualClock());
        var alarm = new ChamberDrivers(chamber).Alarm;

        alarm.Set(false); // first call writes both: the levels after reset are not known to software
        alarm.Set(false);
        alarm.Set(true);
        alarm.Set(true);
        alarm.SetBuzzer(false); // someone silenced the buzzer: the next Set(true) writes it alone
        alarm.Set(true);

        Assert.Equal(2, chamber.StatusLedPin.WriteCount);
        Assert.Equal(4, chamber.BuzzerPin.WriteCount);
        Assert.True(chamber.StatusLedPin.Level);
        Assert.True(chamber.BuzzerPin.Level);
    }

    [Fact]
    public void The_provisioning_jumper_reads_as_fitted_only_when_fitted()
    {
        var chamber = new SimulatedChamber(1, new ManualClock());
        var jumper = new ChamberDrivers(chamber).ProvisioningJumper;
        Assert.False(jumper.IsFitted());
        chamber.ProvisioningJumperFitted = true;
        Assert.True(jumper.IsFitted());
    }
}
