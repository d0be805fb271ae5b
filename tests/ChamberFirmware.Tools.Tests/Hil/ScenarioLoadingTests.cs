using System.Collections.Generic;
using System.Linq;
using ChamberCtl.Hil;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Hil;

public class ScenarioLoadingTests
{
    private const string FullYaml = """
        name: full
        description: every kind of step
        seed: 42
        profile:
          target_count: 300000
          count_limit: 1000000
          growth_limit_permille_per_second: 200
          duration_ms: 10000
          ramp_channels_per_second: 4
          max_active_channels: 4
        steps:
          - inject: { fault: sensor-nack, part: counter, for_ms: 200 }
          - inject: { fault: emitter-stuck-on, channel: 3 }
          - inject: { link: drop }
          - inject: { rogue: on, growth_permille_per_second: 150 }
          - inject: { temperature_c: 44.5 }
          - inject: { frame: forged-config }
          - console: arm
            result: ProfileRejected
          - console: { heartbeat: off }
          - console: clear
            result: none
          - wait_ms: 500
          - wait_until: { state: SafeStop, within_ms: 300 }
          - expect: { cut: OverCount, within_ms: 20 }
          - expect: { cut: [LinkLost, SensorFault] }
          - expect: { frame_rejected: BadTag }
          - expect: { state: Idle }
          - expect: { emitters_off_within_ms: 30 }
          - expect: { max_count_below: 5000000 }
          - expect: { never_cut: true }
          - expect: { configuration_unchanged: true }
          - expect: { emitters_stay_off_ms: 100 }
          - expect: { emitters_on_within_ms: 100 }
            note: a comment shown in reports
        """;

    private const string FullJson = """
        {
          "name": "full",
          "description": "every kind of step",
          "seed": 42,
          "profile": { "target_count": 300000, "count_limit": 1000000, "growth_limit_permille_per_second": 200,
                       "duration_ms": 10000, "ramp_channels_per_second": 4, "max_active_channels": 4 },
          "steps": [
            { "inject": { "fault": "sensor-nack", "part": "counter", "for_ms": 200 } },
            { "inject": { "fault": "emitter-stuck-on", "channel": 3 } },
            { "inject": { "link": "drop" } },
            { "inject": { "rogue": "on", "growth_permille_per_second": 150 } },
            { "inject": { "temperature_c": 44.5 } },
            { "inject": { "frame": "forged-config" } },
            { "console": "arm", "result": "ProfileRejected" },
            { "console": { "heartbeat": "off" } },
            { "console": "clear", "result": "none" },
            { "wait_ms": 500 },
            { "wait_until": { "state": "SafeStop", "within_ms": 300 } },
            { "expect": { "cut": "OverCount", "within_ms": 20 } },
            { "expect": { "cut": ["LinkLost", "SensorFault"] } },
            { "expect": { "frame_rejected": "BadTag" } },
            { "expect": { "state": "Idle" } },
            { "expect": { "emitters_off_within_ms": 30 } },
            { "expect": { "max_count_below": 5000000 } },
            { "expect": { "never_cut": true } },
            { "expect": { "configuration_unchanged": true } },
            { "expect": { "emitters_stay_off_ms": 100 } },
            { "expect": { "emitters_on_within_ms": 100 }, "note": "a comment shown in reports" }
          ]
        }
        """;

    [Fact]
    public void A_yaml_scenario_loads_every_kind_of_step()
    {
        using var dir = new TempDirectory();
        var scenario = Assert.Single(HilTestData.Load(dir, "full.yaml", FullYaml).Scenarios);

        Assert.Equal("full", scenario.Name);
        Assert.Equal(42, scenario.Seed);
        Assert.Equal(1000000, scenario.Profile!.CountLimit);
        Assert.Equal(4, scenario.Profile.MaxActiveChannels);
        Assert.Equal(21, scenario.Steps.Count);
        Assert.Equal(new HilCondition(HilConditionKind.SensorNack) { Part = HilSensorPart.Counter, ForMilliseconds = 200 }, scenario.Steps[0].Condition);
        Assert.Equal(new HilCondition(HilConditionKind.EmitterStuckOn) { Channel = 3 }, scenario.Steps[1].Condition);
        Assert.Equal(HilConditionKind.LinkDrop, scenario.Steps[2].Condition!.Kind);
        Assert.Equal(150, scenario.Steps[3].Condition!.GrowthPermillePerSecond);
        Assert.Equal(4450, scenario.Steps[4].Condition!.TemperatureCentiCelsius);
        Assert.Equal(HilFrameKind.ForgedConfig, scenario.Steps[5].Condition!.Frame);
        Assert.Equal(CommandResult.ProfileRejected, scenario.Steps[6].ExpectedResult);
        Assert.Equal(HilConsoleAction.HeartbeatOff, scenario.Steps[7].Action);
        Assert.True(scenario.Steps[8].ExpectNoAnswer);
        Assert.Equal(500, scenario.Steps[9].WaitMilliseconds);
        Assert.Equal(HilStepKind.WaitUntil, scenario.Steps[10].Kind);
        Assert.Equal(300, scenario.Steps[10].Expectation!.WithinMilliseconds);
        Assert.Equal(CutReasons.Overcount, scenario.Steps[11].Expectation!.Reasons);
        Assert.Equal(20, scenario.Steps[11].Expectation!.WithinMilliseconds);
        Assert.Equal(CutReasons.LinkLost | CutReasons.SensorFault, scenario.Steps[12].Expectation!.Reasons);
        Assert.Equal(HilFrameRejection.BadTag, scenario.Steps[13].Expectation!.Rejection);
        Assert.Equal(ChamberState.Idle, scenario.Steps[14].Expectation!.State);
        Assert.Equal(5000000, scenario.Steps[16].Expectation!.CountBound);
        Assert.Equal(HilExpectationKind.EmittersOnWithin, scenario.Steps[20].Expectation!.Kind);
    }

    [Fact]
    public void Json_and_yaml_of_the_same_scenario_load_to_the_same_steps()
    {
        using var dir = new TempDirectory();
        var yaml = Assert.Single(HilTestData.Load(dir, "full.yaml", FullYaml).Scenarios);
        var json = Assert.Single(HilTestData.Load(dir, "full.json", FullJson).Scenarios);

        Assert.Equal(yaml.Name, json.Name);
        Assert.Equal(yaml.Seed, json.Seed);
        Assert.Equal(yaml.Steps, json.Steps);
    }

    [Fact]
    public void A_file_may_hold_a_list_of_scenarios()
    {
        using var dir = new TempDirectory();
        var text = "- name: a\n  description: first\n  steps:\n    - wait_ms: 1\n- name: b\n  description: second\n  steps:\n    - wait_ms: 2\n";
        var file = HilTestData.Load(dir, "two.yml", text);

        Assert.Equal(["a", "b"], file.Scenarios.Select(s => s.Name));
        Assert.Null(file.Scenarios[0].Profile);
    }

    [Fact]
    public void Every_repository_scenario_file_loads()
    {
        var files = HilTestData.RepositoryScenarios();
        var (loaded, errors) = HilScenarioLoader.Load(files);

        Assert.Empty(errors);
        var names = loaded.Select(f => System.IO.Path.GetFileNameWithoutExtension(f.Path)).ToHashSet();
        foreach (var required in new[] { "treatment", "rogue-replication", "link-loss", "sensor-stuck", "sensor-nack", "sensor-crc", "emitter-stuck-on", "over-temperature", "firmware-hang", "unauthorized-update", "replay-attack" })
        {
            Assert.Contains(required, names);
        }
    }

    public static TheoryData<string, string, string> BadSteps => new()
    {
        // step text, expected field, expected words in the message
        { "- inject: { fault: sensor-nak, part: counter }", "inject.fault", "unknown condition 'sensor-nak'" },
        { "- inject: { fault: sensor-nack }", "inject.part", "missing required key" },
        { "- inject: { fault: sensor-nack, part: counter, channel: 2 }", "inject.channel", "does not apply to fault" },
        { "- inject: { fault: emitter-stuck-on, channel: 8 }", "inject.channel", "between 0 and 7" },
        { "- inject: { frame: forged-firmware }", "inject.frame", "unknown condition 'forged-firmware'" },
        { "- inject: { link: drop, rogue: on }", "inject", "one condition" },
        { "- inject: { colour: red }", "inject.colour", "unknown key" },
        { "- console: reboot", "console", "unknown value 'reboot'" },
        { "- console: arm\n  result: Fine", "result", "unknown value 'Fine'" },
        { "- console: { heartbeat: maybe }", "console.heartbeat", "expected on or off" },
        { "- wait_ms: soon", "wait_ms", "expected a whole number, got soon" },
        { "- wait_ms: \"500\"", "wait_ms", "expected a whole number, got \"500\"" },
        { "- wait_ms: 0", "wait_ms", "between 1 and" },
        { "- wait_until: { state: SafeStop }", "wait_until.within_ms", "missing required key" },
        { "- expect: { cut: Overheat }", "expect.cut", "unknown value 'Overheat'" },
        { "- expect: { cut: None }", "expect.cut", "never_cut" },
        { "- expect: { state: Idle, cut: LinkLost }", "expect", "checks one thing" },
        { "- expect: { max_count_below: 5000000, within_ms: 10 }", "expect.within_ms", "does not apply" },
        { "- expect: { emitters_off_within_ms: [30] }", "expect.emitters_off_within_ms", "expected a whole number" },
        { "- expect: { frame_rejected: BadTag, extra: 1 }", "expect.extra", "unknown key" },
        { "- expect: { never_cut: false }", "expect.never_cut", "expected true" },
        { "- waitms: 500", "waitms", "unknown key" },
        { "- wait_ms: 5\n  result: Ok", "result", "console steps only" },
    };

    [Theory]
    [MemberData(nameof(BadSteps))]
    public void A_bad_step_is_reported_with_file_step_number_and_field(string step, string field, string words)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("bad.yaml", HilTestData.Yaml("bad one", "- wait_ms: 10", step));

        var (files, errors) = HilScenarioLoader.Load([path]);

        Assert.Empty(files);
        var error = Assert.Single(errors);
        Assert.Equal(path, error.File);
        Assert.Equal(2, error.Step);
        Assert.Equal(field, error.Field);
        Assert.Contains(words, error.Message, System.StringComparison.Ordinal);
        Assert.True(error.Line > 0, "YAML errors carry a line number");
        var text = error.ToString();
        Assert.Contains(path, text, System.StringComparison.Ordinal);
        Assert.Contains("step 2", text, System.StringComparison.Ordinal);
        Assert.Contains("'" + field + "'", text, System.StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BadSteps))]
    public void The_same_bad_step_in_json_is_reported_with_step_number_and_field(string step, string field, string words)
    {
        using var dir = new TempDirectory();
        var yamlPath = dir.Write("bad.yaml", HilTestData.Yaml("bad one", "- wait_ms: 10", step));
        var jsonPath = dir.Write("bad.json", YamlToJson(System.IO.File.ReadAllText(yamlPath)));

        var (_, errors) = HilScenarioLoader.Load([jsonPath]);

        var error = Assert.Single(errors);
        Assert.Equal(jsonPath, error.File);
        Assert.Equal(2, error.Step);
        Assert.Equal(field, error.Field);
        Assert.Contains(words, error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_top_level_fields_and_unknown_keys_are_each_named()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("s.yaml", "name: x\nsetps:\n  - wait_ms: 1\nprofile:\n  target_count: 1\n");

        var (_, errors) = HilScenarioLoader.Load([path]);
        var fields = errors.Select(e => e.Field).ToList();

        Assert.Contains("setps", fields);
        Assert.Contains("description", fields);
        Assert.Contains("steps", fields);
        Assert.Contains("profile.count_limit", fields);
        Assert.All(errors, e => Assert.Equal("'x'", e.Scenario));
        Assert.All(errors, e => Assert.Null(e.Step));
    }

    [Fact]
    public void Syntax_errors_name_the_file_and_line()
    {
        using var dir = new TempDirectory();
        var yaml = dir.Write("broken.yaml", "name: x\ndescription: y\nsteps:\n  - wait_ms: [1\n");
        var json = dir.Write("broken.json", "{\n  \"name\": \"x\",\n  \"steps\": [ }\n");

        var (_, errors) = HilScenarioLoader.Load([yaml, json]);

        Assert.Equal(2, errors.Count);
        Assert.StartsWith("not valid YAML", errors[0].Message, System.StringComparison.Ordinal);
        Assert.True(errors[0].Line >= 4);
        Assert.StartsWith("not valid JSON", errors[1].Message, System.StringComparison.Ordinal);
        Assert.Equal(3, errors[1].Line);
    }

    [Theory]
    [InlineData(": {\ne")]
    [InlineData("#\n : {\n0")]
    [InlineData("name: x\nsteps: [ { wait_ms: 1 }, {\n  a")]
    public void An_unclosed_flow_collection_is_a_syntax_error_not_a_crash(string text)
    {
        // Found by the coverage-guided fuzz campaign (tests/ChamberFirmware.Fuzz, hil-yaml): the
        // YAML library threw InvalidOperationException out of the loader for these files.
        using var dir = new TempDirectory();
        var yaml = dir.Write("unclosed.yaml", text);

        var (files, errors) = HilScenarioLoader.Load([yaml]);

        Assert.Empty(files);
        var error = Assert.Single(errors);
        Assert.Equal(yaml, error.File);
        Assert.StartsWith("not valid YAML", error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_keys_and_scenario_names_are_rejected()
    {
        using var dir = new TempDirectory();
        var yaml = dir.Write("dup.yaml", "name: x\nname: y\ndescription: d\nsteps:\n  - wait_ms: 1\n");
        var json = dir.Write("dup.json", "{\"name\":\"x\",\"name\":\"y\",\"description\":\"d\",\"steps\":[{\"wait_ms\":1}]}");
        var names = dir.Write("names.yaml", "- name: a\n  description: d\n  steps: [ { wait_ms: 1 } ]\n- name: a\n  description: d\n  steps: [ { wait_ms: 1 } ]\n");

        var (_, errors) = HilScenarioLoader.Load([yaml, json, names]);

        Assert.Contains(errors, e => e.File == yaml && e.Message.Contains("uplicate", System.StringComparison.Ordinal));
        Assert.Contains(errors, e => e.File == json && e.Message.Contains("duplicate key 'name'", System.StringComparison.Ordinal));
        Assert.Contains(errors, e => e.File == names && e.Message.Contains("two scenarios", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_files_and_wrong_extensions_are_reported_not_thrown()
    {
        using var dir = new TempDirectory();
        var text = dir.Write("scenario.txt", "name: x");

        var (_, errors) = HilScenarioLoader.Load([dir.Combine("absent.yaml"), text]);

        Assert.Equal(["file not found", "not a scenario file: expected a .yaml, .yml or .json extension"], errors.Select(e => e.Message));
    }

    [Fact]
    public void An_empty_file_or_step_list_is_an_error()
    {
        using var dir = new TempDirectory();
        var empty = dir.Write("empty.yaml", string.Empty);
        var noSteps = dir.Write("nosteps.yaml", "name: x\ndescription: d\nsteps: []\n");

        var (_, errors) = HilScenarioLoader.Load([empty, noSteps]);

        Assert.Equal(["the file holds no scenario", "a scenario needs at least one step"], errors.Select(e => e.Message));
    }

    /// <summary>Re-encodes a YAML test file as JSON through YamlDotNet, keeping scalars' types (plain numbers stay numbers).</summary>
    private static string YamlToJson(string yaml)
    {
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new System.IO.StringReader(yaml));
        var text = new System.Text.StringBuilder();
        Emit(stream.Documents[0].RootNode, text);
        return text.ToString();
    }

    private static void Emit(YamlDotNet.RepresentationModel.YamlNode node, System.Text.StringBuilder text)
    {
        switch (node)
        {
            case YamlDotNet.RepresentationModel.YamlMappingNode map:
                text.Append('{');
                text.AppendJoin(',', map.Children.Select(pair =>
                {
                    var inner = new System.Text.StringBuilder();
                    Emit(pair.Value, inner);
                    return System.Text.Json.JsonSerializer.Serialize(((YamlDotNet.RepresentationModel.YamlScalarNode)pair.Key).Value) + ":" + inner;
                }));
                text.Append('}');
                break;
            case YamlDotNet.RepresentationModel.YamlSequenceNode list:
                text.Append('[');
                text.AppendJoin(',', list.Children.Select(child =>
                {
                    var inner = new System.Text.StringBuilder();
                    Emit(child, inner);
                    return inner.ToString();
                }));
                text.Append(']');
                break;
            case YamlDotNet.RepresentationModel.YamlScalarNode scalar:
                var value = scalar.Value ?? string.Empty;
                var plain = scalar.Style == YamlDotNet.Core.ScalarStyle.Plain;
                text.Append(plain && (long.TryParse(value, out _) || value is "true" or "false") ? value : System.Text.Json.JsonSerializer.Serialize(value));
                break;
        }
    }
}
