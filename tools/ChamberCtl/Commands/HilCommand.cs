using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.IO;
using System.Linq;
using ChamberCtl.Hil;

namespace ChamberCtl.Commands;

/// <summary>
/// <c>chamberctl hil run SCENARIO... --target sim|tcp:HOST:PORT|serial:DEVICE [--junit FILE] [--html FILE]</c>:
/// runs declarative HIL scenarios (docs/hil.md). Exit codes: 0 every scenario passed, 1 a scenario
/// failed, 2 bad input (command line, scenario file, report path) or the target unavailable.
/// </summary>
internal static class HilCommand
{
    public const int AllPassed = 0;
    public const int ScenarioFailed = 1;
    public const int BadInputOrTarget = 2;

    public static Command Create() => Create(new HilTargetFactory(), TimeProvider.System);

    public static Command Create(HilTargetFactory targets, TimeProvider time)
    {
        var scenarios = new Argument<string[]>("scenarios")
        {
            Description = "Scenario files (.yaml, .yml or .json), e.g. tests/hil/scenarios/*.yaml",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var target = new Option<string>("--target")
        {
            Description = "sim (the in-process simulator), tcp:HOST:PORT, or serial:DEVICE (the rig board)",
            DefaultValueFactory = _ => "sim",
        };
        var junit = new Option<string?>("--junit") { Description = "Write a JUnit XML report to this file" };
        var html = new Option<string?>("--html") { Description = "Write a self-contained HTML report with plots to this file" };

        var run = new Command("run", "Run HIL scenarios against a target and report pass/fail per scenario.");
        run.Arguments.Add(scenarios);
        run.Options.Add(target);
        run.Options.Add(junit);
        run.Options.Add(html);
        run.Action = new RunAction(parse => ReportParseErrors(parse)
            ?? Run(parse, parse.GetValue(scenarios) ?? [], parse.GetValue(target) ?? "sim", parse.GetValue(junit), parse.GetValue(html), targets, time));

        var hil = new Command("hil", "Hardware-in-the-loop scenarios: against the simulator in CI, the rig board on the bench.");
        hil.Subcommands.Add(run);
        return hil;
    }

    private static int Run(ParseResult parse, string[] files, string targetSpec, string? junitPath, string? htmlPath, HilTargetFactory targets, TimeProvider time)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        if (files.Length == 0)
        {
            error.WriteLine("hil run: give at least one scenario file, e.g. chamberctl hil run tests/hil/scenarios/*.yaml --target sim");
            return BadInputOrTarget;
        }

        if (files.FirstOrDefault(f => f.StartsWith('-')) is { } option)
        {
            error.WriteLine("hil run: unknown option " + option + " (options: --target, --junit, --html)");
            return BadInputOrTarget;
        }

        foreach (var report in new[] { junitPath, htmlPath })
        {
            if (report is not null && ReportPathProblem(report) is { } problem)
            {
                error.WriteLine("hil run: cannot write report " + report + ": " + problem);
                return BadInputOrTarget;
            }
        }

        var expanded = ScenarioPathExpander.Expand(files, out var noMatch);
        if (expanded is null)
        {
            error.WriteLine("hil run: " + noMatch);
            return BadInputOrTarget;
        }

        var (loaded, problems) = HilScenarioLoader.Load(expanded);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                error.WriteLine(problem.ToString());
            }

            error.WriteLine("hil run: " + problems.Count + " problem(s) in the scenario files; nothing was run.");
            return BadInputOrTarget;
        }

        var started = time.GetUtcNow();
        List<HilFileResult> results;
        string description;
        using (var target = targets.Open(targetSpec, out var unavailable))
        {
            if (target is null)
            {
                error.WriteLine("hil run: " + unavailable);
                return BadInputOrTarget;
            }

            description = target.Description;
            output.WriteLine("target: " + description);
            var runner = new HilRunner(target);
            results = [];
            foreach (var file in loaded)
            {
                var result = runner.RunFile(file);
                results.Add(result);
                foreach (var scenario in result.Scenarios)
                {
                    var verdict = scenario.Outcome switch { HilOutcome.Passed => "PASS ", HilOutcome.Failed => "FAIL ", _ => "ERROR" };
                    output.WriteLine(verdict + " " + HilJUnitWriter.SuiteName(file.Path) + ": " + scenario.Scenario.Name
                        + (scenario.Outcome == HilOutcome.Passed ? string.Empty : Environment.NewLine + "       " + HilJUnitWriter.FailureMessage(scenario)));
                }
            }
        }

        var context = new HilReportContext(description, started, Environment.MachineName);
        try
        {
            if (junitPath is not null)
            {
                HilJUnitWriter.Write(junitPath, results, context);
                output.WriteLine("JUnit report: " + junitPath);
            }

            if (htmlPath is not null)
            {
                HilHtmlReport.Write(htmlPath, results, context);
                output.WriteLine("HTML report: " + htmlPath);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine("hil run: cannot write report: " + e.Message);
            return BadInputOrTarget;
        }

        var all = results.SelectMany(r => r.Scenarios).ToList();
        var failed = all.Count(s => s.Outcome == HilOutcome.Failed);
        var errors = all.Count(s => s.Outcome == HilOutcome.Error);
        output.WriteLine(all.Count + " scenario(s): " + (all.Count - failed - errors) + " passed, " + failed + " failed, " + errors + " error(s)");
        return errors > 0 ? BadInputOrTarget : failed > 0 ? ScenarioFailed : AllPassed;
    }

    /// <summary>
    /// Why a report could not be written, found before anything runs (not after every scenario did):
    /// a folder that does not exist, a path that is a folder, a folder this user cannot write to.
    /// </summary>
    internal static string? ReportPathProblem(string report)
    {
        var full = Path.GetFullPath(report);
        if (Directory.Exists(full))
        {
            return "it is a folder; give the path of a file to write (inside it, for example)";
        }

        var directory = Path.GetDirectoryName(full);
        if (directory is null || !Directory.Exists(directory))
        {
            return "directory " + directory + " does not exist";
        }

        try
        {
            // A probe file that removes itself: proves the folder is writable without leaving a half-written report.
            using var probe = new FileStream(Path.Combine(directory, ".chamberctl-probe-" + Guid.NewGuid().ToString("N")), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "folder " + directory + " is not writable (" + e.Message + ")";
        }

        return null;
    }

    /// <summary>Before any value is read (reading one that failed to parse throws): each parse error, and exit code 2.</summary>
    private static int? ReportParseErrors(ParseResult parse)
    {
        if (parse.Errors.Count == 0)
        {
            return null;
        }

        foreach (var problem in parse.Errors)
        {
            parse.InvocationConfiguration.Error.WriteLine("hil run: " + problem.Message);
        }

        return BadInputOrTarget;
    }

    /// <summary>Runs even on parse errors so that they exit with 2 (bad input), like every other input problem of this command.</summary>
    private sealed class RunAction : SynchronousCommandLineAction
    {
        private readonly Func<ParseResult, int> _run;

        public RunAction(Func<ParseResult, int> run)
        {
            _run = run;
        }

        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult) => _run(parseResult);
    }
}
