using System;
using System.Threading.Tasks;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Tools.Tests.Provisioning;
using Xunit;

namespace ChamberFirmware.Tools.Tests.TreatmentConsole;

/// <summary>
/// <c>chamberctl console</c> driving the simulator's firmware over the authenticated link: every
/// test body runs over TCP (as the simulator serves it) and over Bluetooth LE (the stand-in BlueZ,
/// as a board serves it), with the same commands, outputs and clock.
/// </summary>
public class ConsoleCommandTests
{
    public static TheoryData<LinkKind> Links => new() { LinkKind.Tcp, LinkKind.Ble };

    [SkippableTheory]
    [MemberData(nameof(Links))]
    public async Task Arm_start_runs_active_and_stop_ends_the_session(LinkKind link)
    {
        await using var rig = await ConsoleRig.StartAsync(link);
        await rig.OpenAsync();
        Assert.Contains("session open with SIM-", rig.Output.Text, StringComparison.Ordinal);
        Assert.Contains("heartbeat every 50 ms (the device cuts after 250 ms without one)", rig.Output.Text, StringComparison.Ordinal);
        await rig.AdvanceAsync(300);

        await rig.TypeAsync("arm --duration 60s --target-count 9000", "arm: ok");
        Assert.Contains("arm: target 9000, count limit 50000", rig.Output.Text, StringComparison.Ordinal);
        Assert.True(await rig.AdvanceUntilAsync(ChamberState.Armed, 2_000), "state " + rig.Simulation.State);
        await rig.TypeAsync("start", "start: ok");
        await rig.AdvanceAsync(1_000);
        Assert.Equal(ChamberState.Active, rig.Simulation.State);

        await rig.TypeAsync("status", "uptime:");
        Assert.Matches(@"state:\s+Active", rig.Output.Text);
        Assert.Matches(@"target count:\s+9000", rig.Output.Text);

        await rig.TypeAsync("stop", "stop: ok");
        await rig.AdvanceAsync(100);
        Assert.NotEqual(ChamberState.Active, rig.Simulation.State);
        Assert.NotEqual(ChamberState.SafeStop, rig.Simulation.State);
        Assert.Empty(rig.Simulation.Cuts);

        Assert.Equal(0, await rig.QuitAsync());
        Assert.Equal(string.Empty, rig.Error.Text);
    }

    [SkippableTheory]
    [MemberData(nameof(Links))]
    public async Task Pausing_the_heartbeat_cuts_for_link_loss_which_status_and_watch_show_and_clear_needs_the_link_back(LinkKind link)
    {
        await using var rig = await ConsoleRig.StartAsync(link, seed: 12);
        await rig.OpenActiveTreatmentAsync();

        await rig.TypeAsync("pause-heartbeat", "heartbeats paused");
        Assert.True(await rig.AdvanceUntilAsync(ChamberState.SafeStop, 1_000), "state " + rig.Simulation.State);
        Assert.Contains("LinkLost", rig.Simulation.Cuts[0].Reason, StringComparison.Ordinal);

        await rig.TypeAsync("status", "uptime:");
        Assert.Matches(@"state:\s+SafeStop \(latched: treatment cut\)", rig.Output.Text);
        Assert.Matches(@"latched cut reasons:\s+LinkLost", rig.Output.Text);

        // watch reads on the console's clock: three lines over half a second, each naming the cut.
        int before = rig.Output.Text.Length;
        rig.Input.Type("watch --for 500ms --every 250ms");
        int Lines() => rig.Output.Text[before..].Split("CUT: LinkLost").Length - 1;
        await rig.Output.Changes.UntilAsync(() => Lines() == 1, () => "the first watch line");
        for (int i = 2; i <= 3; i++)
        {
            await rig.AdvanceAsync(250);
            await rig.Output.Changes.UntilAsync(() => Lines() == i, () => "watch line " + i);
        }

        await rig.TypeAsync("help", "pause-heartbeat");
        string watched = rig.Output.Text[before..];
        Assert.Equal(3, watched.Split("CUT: LinkLost").Length - 1);
        Assert.Contains("    0.5 s  SafeStop", watched, StringComparison.Ordinal);

        // A clear is refused while the link is still lost, accepted once heartbeats are back.
        await rig.TypeAsync("clear", "clear: refused: ClearRefused — still present: LinkLost");
        await rig.TypeAsync("resume-heartbeat", "heartbeats resumed");
        await rig.AdvanceAsync(300);
        await rig.TypeAsync("clear", "clear: ok");
        await rig.AdvanceAsync(50);
        Assert.Equal(ChamberState.Idle, rig.Simulation.State);
        Assert.Equal(0, await rig.QuitAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Links))]
    public async Task A_wrong_key_is_refused_with_a_clear_message(LinkKind link)
    {
        await using var rig = await ConsoleRig.StartAsync(link, seed: 13);
        string other = rig.WriteFile("other.key", new string('a', 64) + "\n");

        int exit = await rig.Run(["--target", rig.Target, "--key-file", other, "--commands", "status"]);

        Assert.Equal(1, exit);
        Assert.Contains("console: the device at " + rig.Target + " does not hold the key in " + other, rig.Error.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", rig.Error.Text, StringComparison.Ordinal);
        Assert.Equal(ChamberState.Idle, rig.Simulation.State);
    }

    [SkippableTheory]
    [MemberData(nameof(Links))]
    public async Task A_file_that_is_not_a_key_or_a_bad_option_is_a_usage_error(LinkKind link)
    {
        await using var rig = await ConsoleRig.StartAsync(link, seed: 14);
        string notKey = rig.WriteFile("notes.txt", "hello\n");

        Assert.Equal(2, await rig.Run(["--target", rig.Target, "--key-file", notKey]));
        Assert.Contains("--key-file " + notKey + " is not a link key file", rig.Error.Text, StringComparison.Ordinal);
        Assert.Contains("hint: give the device's link key file", rig.Error.Text, StringComparison.Ordinal);

        Assert.Equal(2, await rig.Run(["--target", "udp:1.2.3.4", "--key-file", rig.KeyFile]));
        Assert.Contains("target udp:1.2.3.4 is not understood", rig.Error.Text, StringComparison.Ordinal);

        Assert.Equal(2, await rig.Run(["--target", rig.Target, "--key-file", rig.KeyFile, "--heartbeat-ms", "0"]));
        Assert.Contains("--heartbeat-ms 0 is outside 1..10000", rig.Error.Text, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Links))]
    public async Task Scripted_commands_stop_at_the_first_refusal_and_arm_reads_a_profile_file(LinkKind link)
    {
        await using var rig = await ConsoleRig.StartAsync(link, seed: 15);
        string profile = rig.WriteFile("profile.json", """{ "targetCount": 8000, "countLimit": 99999999 }""");

        // No heartbeat has landed at virtual time 0 (the clock does not move): the first refusal is the profile.
        int exit = await rig.Run(["--target", rig.Target, "--key-file", rig.KeyFile, "--commands", "arm --profile " + profile + "; start"]);

        Assert.Equal(1, exit);
        Assert.Contains("arm: target 8000, count limit 99999999", rig.Output.Text, StringComparison.Ordinal);
        Assert.Contains("arm: refused: ProfileRejected — CountLimit is outside the device's hard bounds", rig.Output.Text, StringComparison.Ordinal);
        Assert.Contains("console: stopped at 'arm --profile " + profile + "'", rig.Output.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("> start", rig.Output.Text, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Links))]
    public async Task A_link_that_drops_mid_treatment_cuts_for_link_loss_and_the_console_ends_saying_so(LinkKind link)
    {
        await using var rig = await ConsoleRig.StartAsync(link, seed: 16);
        await rig.OpenActiveTreatmentAsync();

        // TCP: the host goes away; BLE: the radio link drops. Either way the chamber sees the transport close.
        await rig.DropLinkAsync();
        Assert.True(await rig.AdvanceUntilAsync(ChamberState.SafeStop, 1_000), "state " + rig.Simulation.State);
        Assert.Contains("LinkLost", rig.Simulation.Cuts[0].Reason, StringComparison.Ordinal);

        // The next command finds the link gone: the console says so and ends with exit 1.
        rig.Input.Type("status");
        Assert.Equal(1, await rig.ExitCodeAsync());
        Assert.Contains("the chamber treats that as link loss", rig.Output.Text, StringComparison.Ordinal);
        Assert.Contains("console: session closed", rig.Output.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", rig.Output.Text + rig.Error.Text, StringComparison.Ordinal);
    }
}
