using System;
using System.Collections.Generic;
using System.Linq;
using ChamberFirmware.Hal.Drivers.Emitters;
using ChamberFirmware.Hal.Gpio;
using ChamberFirmware.Hal.Simulated;
using ChamberFirmware.Hal.Simulated.Faults;
using ChamberFirmware.Hal.Simulated.Gpio;
using Xunit;

namespace ChamberFirmware.Hal.Tests.Drivers;

public class EmitterBankTests
{
    private static (EmitterBank Bank, SimulatedOutputPin[] Pins, List<string> Log) RecordingBank(int channels = 8)
    {
        var log = new List<string>();
        var pins = new SimulatedOutputPin[channels];
        var readbacks = new IDigitalInput[channels];
        for (int i = 0; i < channels; i++)
        {
            var pin = new SimulatedOutputPin($"e{i}");
            pin.AfterChange = () => log.Add($"{pin.Name}={(pin.Level ? 1 : 0)}");
            pins[i] = pin;
            readbacks[i] = new SimulatedInputPin($"r{i}", () => pin.Level);
        }

        return (new EmitterBank(pins, readbacks), pins, log);
    }

    [Fact]
    public void The_first_command_writes_every_pin_because_their_state_is_unknown()
    {
        var (bank, pins, _) = RecordingBank();
        Assert.True(bank.SetChannelMask(0b0000_0101));
        Assert.All(pins, p => Assert.Equal(1, p.WriteCount));
        Assert.Equal(0b0000_0101, bank.CommandedMask);
        Assert.Equal(8, bank.PinWrites);
    }

    [Fact]
    public void Later_commands_write_only_the_pins_that_change()
    {
        var (bank, pins, _) = RecordingBank();
        bank.SetChannelMask(0);
        long before = pins.Sum(p => p.WriteCount);

        bank.SetChannelMask(0b0000_0001);
        Assert.Equal(before + 1, pins.Sum(p => p.WriteCount));
        Assert.Equal(2, pins[0].WriteCount);

        bank.SetChannelMask(0b0000_0001);
        bank.SetChannelMask(0b0000_0001);
        Assert.Equal(before + 1, pins.Sum(p => p.WriteCount));

        bank.SetChannelMask(0b1000_0010);
        Assert.Equal(before + 4, pins.Sum(p => p.WriteCount));
        Assert.Equal(new[] { false, true, false, false, false, false, false, true }, pins.Select(p => p.Level));
        Assert.Equal(before + 4, bank.PinWrites);
    }

    [Fact]
    public void Channels_are_switched_off_before_others_are_switched_on()
    {
        var (bank, _, log) = RecordingBank();
        bank.SetChannelMask(0b0000_0011);
        log.Clear();
        bank.SetChannelMask(0b0000_1100);
        Assert.Equal(new[] { "e0=0", "e1=0", "e2=1", "e3=1" }, log);
    }

    [Fact]
    public void A_mask_naming_a_channel_the_bank_lacks_is_refused_and_changes_nothing()
    {
        var (bank, pins, _) = RecordingBank(4);
        bank.SetChannelMask(0b0011);
        long writes = pins.Sum(p => p.WriteCount);
        Assert.False(bank.SetChannelMask(0b1_0000));
        Assert.False(bank.SetChannelMask(-1));
        Assert.Equal(0b0011, bank.CommandedMask);
        Assert.Equal(writes, pins.Sum(p => p.WriteCount));
    }

    [Fact]
    public void Force_all_off_writes_every_pin_even_if_already_off()
    {
        var (bank, pins, _) = RecordingBank();
        bank.SetChannelMask(0);
        bank.ForceAllOff();
        Assert.All(pins, p => Assert.Equal(2, p.WriteCount));
        Assert.All(pins, p => Assert.False(p.Level));
        Assert.Equal(0, bank.CommandedMask);
    }

    [Fact]
    public void Bad_construction_is_refused()
    {
        var pin = new SimulatedOutputPin("x");
        var input = new SimulatedInputPin("y", () => false);
        Assert.Throws<ArgumentNullException>(() => new EmitterBank(null!, new IDigitalInput[] { input }));
        Assert.Throws<ArgumentException>(() => new EmitterBank(new IDigitalOutput[] { pin }, new IDigitalInput[0]));
        Assert.Throws<ArgumentException>(() => new EmitterBank(new IDigitalOutput[0], new IDigitalInput[0]));
        Assert.Throws<ArgumentException>(() => new EmitterBank(new IDigitalOutput[] { null! }, new IDigitalInput[] { input }));
    }

    private static (SimulatedChamber Chamber, EmitterBank Bank) PoweredChamberBank()
    {
        var chamber = new SimulatedChamber(4, new ManualClock());
        var bank = new ChamberFirmware.Hal.Board.ChamberDrivers(chamber).Emitters;
        chamber.KeepAlive.Toggle();
        chamber.Advance(10_000);
        chamber.KeepAlive.Toggle();
        Assert.True(chamber.BankPowered);
        return (chamber, bank);
    }

    [Fact]
    public void The_readback_senses_the_real_drive_of_each_channel()
    {
        var (chamber, bank) = PoweredChamberBank();
        bank.SetChannelMask(0b0110_1001);
        Assert.Equal(0b0110_1001, bank.ReadReadbackMask());
        Assert.Equal(0b0110_1001, chamber.PoweredChannelMask);
    }

    [Fact]
    public void Without_interlock_power_nothing_is_driven_and_the_readback_says_so()
    {
        var chamber = new SimulatedChamber(4, new ManualClock());
        var bank = new ChamberFirmware.Hal.Board.ChamberDrivers(chamber).Emitters;
        bank.SetChannelMask(0xFF);
        chamber.Advance(50_000);
        Assert.Equal(0, bank.ReadReadbackMask());
        Assert.Equal(0, chamber.PoweredChannelMask);
    }

    [Fact]
    public void A_stuck_on_driver_shows_on_the_readback_while_commanded_off()
    {
        var (chamber, bank) = PoweredChamberBank();
        bank.SetChannelMask(0);
        chamber.InjectFault(SimulatedPart.EmitterChannel, FaultKind.EmitterStuckOn, channel: 5);
        Assert.Equal(1 << 5, bank.ReadReadbackMask());
        Assert.Equal(1 << 5, chamber.PoweredChannelMask);
    }

    [Fact]
    public void A_stuck_off_driver_shows_on_the_readback_while_commanded_on()
    {
        var (chamber, bank) = PoweredChamberBank();
        chamber.InjectFault(SimulatedPart.EmitterChannel, FaultKind.EmitterStuckOff, channel: 2);
        bank.SetChannelMask(0b0000_0111);
        Assert.Equal(0b0000_0011, bank.ReadReadbackMask());
    }

    [Fact]
    public void A_lying_readback_echoes_the_enable_while_the_truth_differs()
    {
        var (chamber, bank) = PoweredChamberBank();
        chamber.InjectFault(SimulatedPart.EmitterChannel, FaultKind.EmitterStuckOn, channel: 1);
        chamber.InjectFault(SimulatedPart.EmitterChannel, FaultKind.ReadbackEchoesEnable, channel: 1);
        bank.SetChannelMask(0);
        Assert.Equal(0, bank.ReadReadbackMask());
        Assert.Equal(1 << 1, chamber.PoweredChannelMask); // ground truth: it is emitting
    }

    [Theory]
    [InlineData(FaultKind.ReadbackStuckLow, 0b0000_0001, 0b0000_0000)]
    [InlineData(FaultKind.ReadbackStuckHigh, 0b0000_0000, 0b0000_0001)]
    public void Stuck_readbacks_read_their_stuck_level(FaultKind fault, int commanded, int readback)
    {
        var (chamber, bank) = PoweredChamberBank();
        chamber.InjectFault(SimulatedPart.EmitterChannel, fault, channel: 0);
        bank.SetChannelMask(commanded);
        Assert.Equal(readback, bank.ReadReadbackMask());
        Assert.Equal(commanded, chamber.PoweredChannelMask);
    }
}
