using System;
using System.CommandLine;
using System.IO;
using System.Xml.Linq;
using ChamberCtl;
using ChamberCtl.Commands;
using ChamberCtl.Hil;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Hil;

public class HilCommandTests
{
    private static readonly string Passing = HilTestData.Yaml("passes", [.. HilTestData.ActiveSession, "- inject: { link: drop }", "- expect: { cut: LinkLost, within_ms: 260 }"]);
    private static readonly string Failing = HilTestData.Yaml("fails", [.. HilTestData.ActiveSession, "- expect: { state: Idle }"]);

    private sealed class FixedTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
    }

    private static (int Exit, string Output, string Error) Run(Func<IHilTarget>? simulator, params string[] args)
    {
        var root = new RootCommand { HilCommand.Create(new HilTargetFactory(simulator), new FixedTime()) };
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private static (int Exit, string Output, string Error) RunSim(params string[] args) => Run(() => new FakeChamberTarget(), args);

    [Fact]
    public void All_scenarios_passing_exits_0_and_writes_both_reports()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("pass.yaml", Passing);
        var junit = dir.Combine("out.xml");
        var html = dir.Combine("out.html");

        var (exit, output, error) = RunSim("hil", "run", file, "--target", "sim", "--junit", junit, "--html", html);

        Assert.Equal(HilCommand.AllPassed, exit);
        Assert.Equal(string.Empty, error);
        Assert.Contains("PASS  pass: passes", output, StringComparison.Ordinal);
        Assert.Contains("1 scenario(s): 1 passed, 0 failed, 0 error(s)", output, StringComparison.Ordinal);
        Assert.Equal("1", (string?)XDocument.Load(junit).Root!.Attribute("tests"));
        Assert.Contains("<svg ", File.ReadAllText(html), StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_scenario_exits_1_and_says_which_step_failed()
    {
        using var dir = new TempDirectory();
        var pass = dir.Write("pass.yaml", Passing);
        var fail = dir.Write("fail.yaml", Failing);
        var junit = dir.Combine("out.xml");

        var (exit, output, _) = RunSim("hil", "run", pass, fail, "--junit", junit);

        Assert.Equal(HilCommand.ScenarioFailed, exit);
        Assert.Contains("FAIL  fail: fails", output, StringComparison.Ordinal);
        Assert.Contains("step 6 (expect: { state: Idle }): state is Active (latched None); expected Idle", output, StringComparison.Ordinal);
        Assert.Equal("1", (string?)XDocument.Load(junit).Root!.Attribute("failures"));
    }

    [Fact]
    public void A_bad_scenario_file_exits_2_runs_nothing_and_names_file_step_and_field()
    {
        using var dir = new TempDirectory();
        var good = dir.Write("good.yaml", Passing);
        var bad = dir.Write("bad.yaml", HilTestData.Yaml("bad", "- wait_ms: 1", "- inject: { fault: sensor-nak, part: counter }"));
        var created = 0;

        var (exit, output, error) = Run(() => { created++; return new FakeChamberTarget(); }, "hil", "run", good, bad, "--target", "sim");

        Assert.Equal(HilCommand.BadInputOrTarget, exit);
        Assert.Equal(0, created);
        Assert.Equal(string.Empty, output);
        Assert.Contains(bad + ":", error, StringComparison.Ordinal);
        Assert.Contains("step 2 field 'inject.fault': unknown condition 'sensor-nak'", error, StringComparison.Ordinal);
        Assert.Contains("nothing was run", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tcp:rig.local", "bad target 'tcp:rig.local': expected tcp:HOST:PORT")]
    [InlineData("tcp:rig.local:99999", "bad target 'tcp:rig.local:99999'")]
    [InlineData("serial:", "bad target 'serial:'")]
    [InlineData("usb:1", "bad target 'usb:1': expected sim, tcp:HOST:PORT or serial:DEVICE")]
    public void An_unavailable_or_malformed_target_exits_2_with_a_message(string target, string message)
    {
        using var dir = new TempDirectory();
        var file = dir.Write("pass.yaml", Passing);

        var (exit, _, error) = Run(null, "hil", "run", file, "--target", target);

        Assert.Equal(HilCommand.BadInputOrTarget, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_serial_device_exits_2_with_a_message()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("pass.yaml", Passing);
        var device = dir.Combine("ttyACM9");

        var (exit, _, error) = Run(null, "hil", "run", file, "--target", "serial:" + device);

        Assert.Equal(HilCommand.BadInputOrTarget, exit);
        Assert.Contains("target serial:" + device + " not available: no such device", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_serial_target_that_is_a_directory_or_a_plain_file_exits_2()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("pass.yaml", Passing);
        var empty = dir.Write("not-a-rig", string.Empty);

        var directory = Run(null, "hil", "run", file, "--target", "serial:" + dir.Path);
        var silent = Run(null, "hil", "run", file, "--target", "serial:" + empty);

        Assert.Equal(HilCommand.BadInputOrTarget, directory.Exit);
        Assert.Contains("it is a directory, not a serial device", directory.Error, StringComparison.Ordinal);
        Assert.Equal(HilCommand.BadInputOrTarget, silent.Exit);
        Assert.Contains("target serial:" + empty + " not available: it is not a serial device (not a terminal", silent.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Permission_denied_on_the_device_says_what_to_do()
    {
        // Tests may run as root, where no file is unreadable: check the message mapping directly.
        var message = HilTargetFactory.DescribeOpenFailure("/dev/ttyACM0", new UnauthorizedAccessException("Access to the path is denied."));

        Assert.Equal("target serial:/dev/ttyACM0 not available: permission denied (add your user to the group owning the device, e.g. dialout, then log in again)", message);
    }

    [Fact]
    public void No_files_unknown_options_and_bad_report_paths_exit_2()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("pass.yaml", Passing);

        var none = RunSim("hil", "run");
        var option = RunSim("hil", "run", file, "--junti", "x.xml");
        var report = RunSim("hil", "run", file, "--html", Path.Combine(dir.Path, "no-such-dir", "r.html"));
        var missingValue = RunSim("hil", "run", file, "--target");

        Assert.Equal(HilCommand.BadInputOrTarget, none.Exit);
        Assert.Contains("give at least one scenario file", none.Error, StringComparison.Ordinal);
        Assert.Equal(HilCommand.BadInputOrTarget, option.Exit);
        Assert.Contains("unknown option --junti", option.Error, StringComparison.Ordinal);
        Assert.Equal(HilCommand.BadInputOrTarget, report.Exit);
        Assert.Contains("does not exist", report.Error, StringComparison.Ordinal);
        Assert.Equal(HilCommand.BadInputOrTarget, missingValue.Exit);
        Assert.Equal("hil run: Required argument missing for option: '--target'.", missingValue.Error.Trim());
        var missingReport = RunSim("hil", "run", file, "--junit");
        Assert.Equal(HilCommand.BadInputOrTarget, missingReport.Exit);
        Assert.DoesNotContain("Unhandled", missingReport.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_failing_mid_run_exits_2()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("pass.yaml", Passing);

        var (exit, output, _) = Run(() => new FailingAfterReset(), "hil", "run", file);

        Assert.Equal(HilCommand.BadInputOrTarget, exit);
        Assert.Contains("ERROR pass: passes", output, StringComparison.Ordinal);
        Assert.Contains("target error: link to rig lost", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hil_command_is_registered_in_chamberctl()
    {
        var output = new StringWriter();
        var exit = ChamberCtlApp.Run(["hil", "run", "--help"], output, new StringWriter());

        Assert.Equal(0, exit);
        Assert.Contains("--target", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("--junit", output.ToString(), StringComparison.Ordinal);
    }

    private sealed class FailingAfterReset : IHilTarget
    {
        public string Description => "failing";

        public void Reset(int seed, ChamberFirmware.Core.Treatment.TreatmentProfile? profile)
        {
        }

        public void Inject(HilCondition condition) => throw new HilTargetException("link to rig lost");

        public HilConsoleResult Console(HilConsoleAction action) => throw new HilTargetException("link to rig lost");

        public void Advance(int milliseconds, IHilTraceSink sink) => throw new HilTargetException("link to rig lost");

        public HilObservation Observe() => new();

        public void Dispose()
        {
        }
    }
}
