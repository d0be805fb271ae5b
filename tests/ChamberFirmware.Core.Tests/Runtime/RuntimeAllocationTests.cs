using System;
using ChamberFirmware.Core.Treatment;
using Xunit;
using Xunit.Abstractions;

namespace ChamberFirmware.Core.Tests.Runtime;

public sealed class RuntimeAllocationTests
{
    private readonly ITestOutputHelper _output;

    public RuntimeAllocationTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Supervisor_and_control_steps_allocate_nothing_over_10000_ticks_in_steady_active_state()
    {
        var rig = new RuntimeRig(seed: 21);
        rig.StartSession(RuntimeRig.Profile(durationMs: 1_000_000));
        rig.Run(5_000); // warm-up: ramp, settle, every path taken once

        long supervisorBytes = 0;
        long controlBytes = 0;
        int activeTicks = 0;
        int poweredTicks = 0;
        for (int i = 0; i < 10_000; i++)
        {
            // Clock, console frames (the test's console allocates) outside the measured calls.
            rig.Chamber.Advance(RuntimeRig.TickMicroseconds);
            if (rig.Clock.NowMicroseconds % rig.HeartbeatPeriodMicroseconds == 0)
            {
                rig.Heartbeat();
            }

            if (i % 2 == 0)
            {
                long c0 = GC.GetAllocatedBytesForCurrentThread();
                rig.Runtime.ControlStep();
                controlBytes += GC.GetAllocatedBytesForCurrentThread() - c0;
            }

            long s0 = GC.GetAllocatedBytesForCurrentThread();
            rig.Runtime.SupervisorStep();
            supervisorBytes += GC.GetAllocatedBytesForCurrentThread() - s0;
            if (rig.Runtime.Controller.State == ChamberState.Active)
            {
                activeTicks++;
            }

            if (rig.Chamber.PoweredChannelMask != 0)
            {
                poweredTicks++;
            }
        }

        _output.WriteLine($"10000 supervisor steps: {supervisorBytes} bytes; 5000 control steps: {controlBytes} bytes; active ticks {activeTicks}; emitters {rig.Chamber.PoweredChannelMask:X2}");
        Assert.Equal(10_000, activeTicks);
        // The closed loop switches channels around the target: emitters were on for much of the window.
        Assert.True(poweredTicks > 1_000, $"emitters powered in only {poweredTicks} of 10000 ticks");
        Assert.Equal(0, rig.Runtime.Supervisor.CutSequence);
        Assert.Equal(0L, supervisorBytes);
        Assert.Equal(0L, controlBytes);
    }
}
