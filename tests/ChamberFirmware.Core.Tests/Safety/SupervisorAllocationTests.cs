using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Tests.Treatment;
using ChamberFirmware.Core.Treatment;
using Xunit;

namespace ChamberFirmware.Core.Tests.Safety;

/// <summary>The periodic paths allocate nothing (the device's GC stops the world).</summary>
public class SupervisorAllocationTests
{
    [Fact]
    public void The_supervisor_tick_allocates_nothing_over_100000_ticks()
    {
        // Driven directly, the way the runtime will: no test rig in the measured loop.
        var supervisor = new SafetySupervisor();
        var inputs = new SupervisorInputs { TemperatureCentiCelsius = 3700 };
        long now = 1_000_000;
        long lastToggle = long.MinValue / 2;
        int sequence = 0;

        void Run(int ticks)
        {
            for (int i = 0; i < ticks; i++)
            {
                now += SafetyTiming.PeriodMicroseconds;
                if (i % 5 == 0) supervisor.OnHeartbeat(now);
                supervisor.CheckIn(WatchdogChannel.ControlLoop, now);
                supervisor.CheckIn(WatchdogChannel.SensorLoop, now);
                supervisor.CheckIn(WatchdogChannel.LinkLoop, now);
                supervisor.RequestEmitters(0b1111, 100, now);
                inputs.CounterReadMicroseconds = now;
                inputs.CounterSequence = ++sequence;
                inputs.Count = 20_000 + (i % 7);
                inputs.TemperatureReadMicroseconds = now;
                inputs.TemperatureCentiCelsius = 3700 + (i & 1); // a live sensor jitters
                inputs.InterlockPowered = now - lastToggle <= SafetyTiming.InterlockHoldMicroseconds;
                SupervisorOutputs outputs = supervisor.Tick(inputs, now);
                inputs.EmitterReadbackMask = outputs.EmitterMask;
                if (outputs.ToggleKeepAlive) lastToggle = now;
            }
        }

        Run(50);
        Assert.Equal(CutReasons.None, supervisor.BeginArm(100_000, 200, 8, now));
        Run(1000); // self-test, then warm-up in steady state with four channels on
        Assert.Equal(SupervisorMode.Ready, supervisor.Mode);

        long before = System.GC.GetAllocatedBytesForCurrentThread();
        Run(100_000);
        long allocated = System.GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(SupervisorMode.Ready, supervisor.Mode);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void The_control_loop_and_supervisor_together_allocate_nothing_over_100000_ticks()
    {
        var chamber = new ChamberRig();
        chamber.Rig.Count = 15_000;
        chamber.PlantOn = true;
        TreatmentProfile profile = ChamberRig.Profile();
        profile.DurationMilliseconds = HardLimits.MaxDurationMilliseconds;
        chamber.Warm().StartActive(profile);
        chamber.Steps(1000);
        var status = new ChamberStatus();

        long before = System.GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100_000; i++)
        {
            chamber.Step();
            chamber.Controller.FillStatus(status);
        }

        long allocated = System.GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(ChamberState.Active, status.State);
        Assert.NotEqual(0, status.ActiveEmitterMask);
        Assert.Equal(0, allocated);
    }
}
