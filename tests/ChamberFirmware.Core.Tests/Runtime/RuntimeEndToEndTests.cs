using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Treatment;
using Xunit;

namespace ChamberFirmware.Core.Tests.Runtime;

public sealed class RuntimeEndToEndTests
{
    [Fact]
    public void Provisioned_board_reboots_binds_arms_starts_holds_the_count_near_target_and_completes()
    {
        var rig = new RuntimeRig(seed: 3);
        Assert.False(rig.Runtime.IsProvisioned);
        Assert.Equal(ConfigLoadStatus.Empty, rig.Runtime.ConfigLoadStatus);

        byte[] key = RuntimeRig.Key(42);
        rig.ProvisionAndConnect(key);
        Assert.True(rig.Runtime.IsProvisioned);
        Assert.Equal("CH-000777", rig.Runtime.Identity.SerialNumber);
        Assert.True(rig.Runtime.Link.IsSessionBound);

        Assert.Equal(CommandResult.Ok, rig.Arm(RuntimeRig.Profile(target: 3_000, durationMs: 20_000)));
        rig.RunUntil(() => rig.Runtime.Controller.State == ChamberState.Armed, 500, "Armed after the cut-path self-test");
        Assert.Equal(CommandResult.Ok, rig.Command(LinkMessageType.Start).Result);

        // Let the loop ramp up and settle, then watch the PLANT's true count.
        rig.Run(8_000);
        long min = long.MaxValue, max = long.MinValue;
        for (int i = 0; i < 800; i++)
        {
            rig.Tick();
            long count = rig.Chamber.TrueCount;
            min = System.Math.Min(min, count);
            max = System.Math.Max(max, count);
            Assert.Equal(ChamberState.Active, rig.Runtime.Controller.State);
        }

        Assert.InRange(min, 3_000 * 80 / 100, 3_000 * 120 / 100);
        Assert.InRange(max, 3_000 * 80 / 100, 3_000 * 120 / 100);

        rig.RunUntil(() => rig.Runtime.Controller.State == ChamberState.Completed, 5_000, "Completed after the duration");
        rig.Run(100);
        Assert.Equal(0, rig.Chamber.PoweredChannelMask);
        Assert.Equal(0, rig.Runtime.Supervisor.CutSequence);

        DiagnosticsCounters counters = rig.Runtime.Diagnostics.Counters;
        Assert.Equal(1, counters.Sessions);
        Assert.Equal(1, counters.Resets);
        Assert.Equal(0, counters.LinkLosses);
    }
}
