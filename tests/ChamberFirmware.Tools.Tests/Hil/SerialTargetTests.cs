using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ChamberCtl.Hil;
using ChamberFirmware.Tests.Shared;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Hil;

/// <summary>
/// The serial target (System.IO.Ports) over a real pseudo-terminal pair: the runner opens the tty
/// device as it would a rig's /dev/ttyACM0, the rig protocol server answers on the other end from
/// the real simulator. The line may drop or garble an answer: that must be a target error, not a
/// hang and not a pass.
/// </summary>
public class SerialTargetTests
{
    private static readonly TimeSpan ShortAnswerBound = TimeSpan.FromMilliseconds(1000);

    /// <summary>The first scenario of the repository's link-loss file: a session, a link drop, the cut, the clear.</summary>
    private static HilScenario LinkLoss() =>
        HilScenarioLoader.LoadFile(HilTestData.RepositoryScenarios().Single(f => f.EndsWith("link-loss.yaml", StringComparison.Ordinal)), [])!.Scenarios[0];

    /// <summary>Serves one rig session on the pair's master end, through <paramref name="line"/>'s tampering.</summary>
    private static Task Serve(PseudoTerminalPair pair, Func<Stream, Stream> line)
    {
        // Built before the runner connects, so the HELLO answer does not wait for the simulator's start-up.
        var target = new SimulatorHilTarget();
        var server = new RigProtocolServer(target, target.Description);
        var stream = line(pair.Master);
        return Task.Run(() =>
        {
            using (target)
            {
                server.Serve(stream);
            }
        });
    }

    [SkippableFact]
    public async Task A_repository_scenario_passes_over_a_real_tty_through_hil_run()
    {
        TestPrerequisite.Require(PseudoTerminalPair.Unavailable(), "run on Linux with /dev/ptmx");
        using var pair = PseudoTerminalPair.Open();
        var serving = Serve(pair, master => master);

        var run = await Task.Run(() => CliRun.Of("hil", "run", HilTestData.RepositoryScenarios().Single(f => f.EndsWith("link-loss.yaml", StringComparison.Ordinal)), "--target", "serial:" + pair.SlavePath));

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("target: rig on serial:" + pair.SlavePath, run.Output, StringComparison.Ordinal);
        Assert.Matches(@"(\d+) scenario\(s\): \1 passed, 0 failed, 0 error\(s\)", run.Output);
        // The runner said BYE on dispose: the rig's session ended by itself.
        await serving.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [SkippableFact]
    public async Task Samples_over_the_tty_are_the_ones_the_simulator_produced_directly()
    {
        TestPrerequisite.Require(PseudoTerminalPair.Unavailable(), "run on Linux with /dev/ptmx");
        var file = LinkLoss();
        using var direct = new SimulatorHilTarget();
        var expected = new HilRunner(direct).Run(file);
        using var pair = PseudoTerminalPair.Open();
        var serving = Serve(pair, master => master);

        var actual = await Task.Run(() =>
        {
            using var serial = HilTargetFactory.OpenSerial(pair.SlavePath, out var error) ?? throw new InvalidOperationException(error);
            return new HilRunner(serial).Run(file);
        });

        await serving.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HilOutcome.Passed, actual.Outcome);
        Assert.Equal(expected.Trace.Samples, actual.Trace.Samples);
    }

    [SkippableFact]
    public async Task A_dropped_answer_line_is_a_target_error_naming_the_device_not_a_hang_or_a_pass()
    {
        TestPrerequisite.Require(PseudoTerminalPair.Unavailable(), "run on Linux with /dev/ptmx");
        using var pair = PseudoTerminalPair.Open();
        var oks = 0;
        LineTamperingStream? tampering = null;
        var serving = Serve(pair, master => tampering = new LineTamperingStream(master, line => line.StartsWith("OK", StringComparison.Ordinal) && ++oks == 6 ? null : line));

        var result = await Task.Run(() =>
        {
            using var serial = HilTargetFactory.OpenSerial(pair.SlavePath, ShortAnswerBound, out var error) ?? throw new InvalidOperationException(error);
            return new HilRunner(serial).Run(LinkLoss());
        });

        pair.CloseSlave();
        await serving.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Single(tampering!.Dropped);
        Assert.Equal(HilOutcome.Error, result.Outcome);
        Assert.Contains("target error: serial:" + pair.SlavePath + " did not answer within 1000 ms", HilJUnitWriter.FailureMessage(result), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("OK", 5, 1, "rig sent an unexpected line after")]
    [InlineData("S ", 1, 2, "rig sent an unreadable sample")]
    public async Task A_garbled_line_is_refused_as_a_target_error(string garbledKind, int garbledLine, int garbledAt, string expected)
    {
        TestPrerequisite.Require(PseudoTerminalPair.Unavailable(), "run on Linux with /dev/ptmx");
        using var pair = PseudoTerminalPair.Open();
        var seen = 0;
        LineTamperingStream? tampering = null;
        // Line noise: one byte of the n-th line of that kind turned into a non-ASCII one. (The first
        // sample line is the short answer to the baseline OBSERVE: a garbled line inside a long ADVANCE
        // answer would leave the rig blocked writing to a runner that stopped reading.)
        var serving = Serve(pair, master => tampering = new LineTamperingStream(master, line =>
            line.StartsWith(garbledKind, StringComparison.Ordinal) && ++seen == garbledLine ? line[..garbledAt] + "\u00e9" + line[(garbledAt + 1)..] : line));

        // The default answer bound: this refusal comes from the line itself, not from a wait, and a
        // busy machine can take longer than the short bound to answer the first command.
        var result = await Task.Run(() =>
        {
            using var serial = HilTargetFactory.OpenSerial(pair.SlavePath, out var error) ?? throw new InvalidOperationException(error);
            return new HilRunner(serial).Run(LinkLoss());
        });

        pair.CloseSlave();
        await serving.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Single(tampering!.Garbled);
        Assert.Equal(HilOutcome.Error, result.Outcome);
        Assert.Contains(expected, HilJUnitWriter.FailureMessage(result), StringComparison.Ordinal);
    }

    [Fact]
    public void A_serial_device_that_does_not_exist_is_named_with_a_hint()
    {
        var target = HilTargetFactory.OpenSerial("/dev/ttyNO-SUCH-RIG", out var error);

        Assert.Null(target);
        Assert.Contains("target serial:/dev/ttyNO-SUCH-RIG not available: no such device", error, StringComparison.Ordinal);
    }
}
