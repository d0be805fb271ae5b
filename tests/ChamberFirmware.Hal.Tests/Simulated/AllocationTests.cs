using System;
using ChamberFirmware.Hal.Board;
using ChamberFirmware.Hal.Drivers.Counter;
using ChamberFirmware.Hal.Drivers.Temperature;
using ChamberFirmware.Hal.Sensors;
using ChamberFirmware.Hal.Simulated;
using ChamberFirmware.Hal.Simulated.Faults;
using Xunit;

namespace ChamberFirmware.Hal.Tests.Simulated;

/// <summary>The periodic paths allocate nothing once warm: on the device the GC stops the world.</summary>
public class AllocationTests
{
    [Fact]
    public void A_supervisor_tick_over_drivers_and_simulator_allocates_nothing_after_warm_up()
    {
        var chamber = new SimulatedChamber(3, new ManualClock());
        var drivers = new ChamberDrivers(chamber);
        Assert.Equal(SensorReadStatus.Ok, drivers.Counter.Initialize());
        Assert.Equal(SensorReadStatus.Ok, drivers.Temperature.Initialize());
        chamber.Faults.Add(5_000_000, SimulatedPart.NanobotCounter, FaultKind.GarbageBytes, clearAtMicroseconds: 6_000_000);
        chamber.Faults.Add(7_000_000, SimulatedPart.Plant, FaultKind.RogueReplication);
        var count = new NanobotCountSample();
        var temperature = new TemperatureSample();

        void Tick(int i)
        {
            drivers.Interlock.ToggleKeepAlive();
            drivers.Emitters.SetChannelMask(i % 3 == 0 ? BoardPins.AllEmitterChannelsMask : 0b1010);
            drivers.Emitters.ReadReadbackMask();
            drivers.Interlock.IsBankPowered();
            drivers.Counter.TryRead(count);
            drivers.Temperature.TryRead(temperature);
            drivers.Alarm.SetLed(i % 2 == 0);
            chamber.Advance(10_000);
        }

        for (int i = 0; i < 100; i++)
        {
            Tick(i);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
        {
            Tick(i);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(0, chamber.Faults.Pending); // the faults were applied inside the measured window
    }
}
