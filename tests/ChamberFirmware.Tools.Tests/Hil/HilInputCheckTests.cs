using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ChamberCtl.Commands;
using ChamberCtl.Hil;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Hil;

/// <summary>hil run's input checks: malformed YAML, report paths, quoted globs — all before anything runs, exit 2.</summary>
public class HilInputCheckTests
{
    private static readonly string Passing = HilTestData.Yaml("passes", [.. HilTestData.ActiveSession]);

    private static (int Exit, string Output, string Error, int Runs) Run(params string[] args)
    {
        var runs = 0;
        var root = new RootCommand { HilCommand.Create(new HilTargetFactory(() => { runs++; return new FakeChamberTarget(); }), TimeProvider.System) };
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString(), runs);
    }

    [Fact]
    public void An_unclosed_flow_mapping_followed_by_another_step_is_file_line_and_exit_2_not_a_stack_trace()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("unclosed.yaml", "- name: x\n  description: d\n  steps:\n    - console: { heartbeat: on\n    - wait_ms: 300\n");

        var (exit, output, error, runs) = Run("hil", "run", file);

        Assert.Equal(HilCommand.BadInputOrTarget, exit);
        Assert.Equal(0, runs);
        Assert.Equal(string.Empty, output);
        Assert.Matches("^" + Regex.Escape(file) + @":[45]: not valid YAML", error);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_truncation_and_every_dropped_bracket_of_the_shipped_scenarios_loads_or_names_a_line()
    {
        using var dir = new TempDirectory();
        var broken = 0;
        foreach (var scenario in HilTestData.RepositoryScenarios())
        {
            var text = File.ReadAllText(scenario);
            var variants = Enumerable.Range(0, text.Length).Where(i => i % 13 == 0).Select(i => text[..i])
                .Concat(Enumerable.Range(0, text.Length).Where(i => text[i] is '}' or ']' or '{' or '[' or ':' or '"' or '\'').Select(i => text.Remove(i, 1)));
            foreach (var variant in variants)
            {
                var path = dir.Write("variant.yaml", variant);
                var errors = new System.Collections.Generic.List<HilScenarioError>();
                var loaded = HilScenarioLoader.LoadFile(path, errors);
                Assert.True(loaded is not null || errors.Count > 0, "neither loaded nor an error for a variant of " + scenario);
                foreach (var syntax in errors.Where(e => e.Message.StartsWith("not valid YAML", StringComparison.Ordinal)))
                {
                    broken++;
                    Assert.True(syntax.Line >= 1, "no line for: " + syntax);
                }
            }
        }

        Assert.True(broken > 100, "the variants should include many syntax errors, saw " + broken);
    }

    [Fact]
    public void A_report_path_that_is_a_folder_is_refused_before_any_scenario_runs()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("pass.yaml", Passing);

        var (exit, _, error, runs) = Run("hil", "run", file, "--html", dir.Path);

        Assert.Equal(HilCommand.BadInputOrTarget, exit);
        Assert.Equal(0, runs);
        Assert.Contains("cannot write report " + dir.Path + ": it is a folder", error, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void A_junit_path_in_a_missing_folder_is_refused_before_any_scenario_runs()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("pass.yaml", Passing);

        var (exit, _, error, runs) = Run("hil", "run", file, "--junit", dir.Combine("nope", "out.xml"));

        Assert.Equal(HilCommand.BadInputOrTarget, exit);
        Assert.Equal(0, runs);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quoted_glob_is_expanded_to_the_matching_files_in_order()
    {
        using var dir = new TempDirectory();
        dir.Write("b.yaml", HilTestData.Yaml("second", [.. HilTestData.ActiveSession]));
        dir.Write("a.yaml", HilTestData.Yaml("first", [.. HilTestData.ActiveSession]));
        dir.Write("a.yaml.bak", "not a scenario");

        var (exit, output, error, _) = Run("hil", "run", Path.Combine(dir.Path, "*.yaml"));

        Assert.True(exit == HilCommand.AllPassed, error + output);
        Assert.Contains("2 scenario(s): 2 passed", output, StringComparison.Ordinal);
        Assert.True(output.IndexOf(": first", StringComparison.Ordinal) < output.IndexOf(": second", StringComparison.Ordinal), output);
    }

    [Fact]
    public void A_glob_that_matches_nothing_is_named_with_exit_2()
    {
        using var dir = new TempDirectory();

        var (exit, _, error, runs) = Run("hil", "run", Path.Combine(dir.Path, "*.yaml"));

        Assert.Equal(HilCommand.BadInputOrTarget, exit);
        Assert.Equal(0, runs);
        Assert.Contains("*.yaml' matches no file", error, StringComparison.Ordinal);
    }
}
