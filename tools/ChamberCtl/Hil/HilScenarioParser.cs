using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;

namespace ChamberCtl.Hil;

/// <summary>
/// Validates document trees against the scenario schema (docs/hil.md) and builds scenarios.
/// Every problem becomes an error naming file, scenario, step, field and (YAML) line; parsing
/// carries on to report as many as it can in one go.
/// </summary>
internal sealed class HilScenarioParser
{
    private readonly string _file;
    private readonly List<HilScenarioError> _errors;
    private string? _scenario;
    private int? _step;

    public HilScenarioParser(string file, List<HilScenarioError> errors)
    {
        _file = file;
        _errors = errors;
    }

    /// <summary>A root is one scenario (a mapping) or a list of scenarios.</summary>
    public List<HilScenario> ParseRoots(IReadOnlyList<HilNode> roots)
    {
        var scenarios = new List<HilScenario>();
        var index = 0;
        foreach (var root in roots)
        {
            if (root is HilSequenceNode list)
            {
                foreach (var item in list.Items)
                {
                    AddScenario(scenarios, item, ++index);
                }
            }
            else
            {
                AddScenario(scenarios, root, ++index);
            }
        }

        if (scenarios.Count == 0 && _errors.Count == 0)
        {
            Error(null, 0, "the file holds no scenario");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scenario in scenarios)
        {
            if (!names.Add(scenario.Name))
            {
                _scenario = null;
                _step = null;
                Error("name", 0, "two scenarios in this file are named '" + scenario.Name + "'");
            }
        }

        return scenarios;
    }

    private void AddScenario(List<HilScenario> scenarios, HilNode node, int index)
    {
        _scenario = "#" + index.ToString(CultureInfo.InvariantCulture);
        _step = null;
        var errorsBefore = _errors.Count;
        var scenario = ParseScenario(node);
        if (scenario is not null && _errors.Count == errorsBefore)
        {
            scenarios.Add(scenario);
        }
    }

    private HilScenario? ParseScenario(HilNode node)
    {
        if (AsMapping(node, null) is not { } map)
        {
            return null;
        }

        var name = Text(Required(map, "name", null), "name");
        if (name is not null)
        {
            _scenario = "'" + name + "'";
        }

        CheckKeys(map, HilVocabulary.ScenarioKeys, null);

        var description = Text(Required(map, "description", null), "description");
        var seed = Optional(map, "seed") is { } seedNode ? Integer(seedNode, "seed", 0, int.MaxValue) ?? 0 : 0;
        var profile = Optional(map, "profile") is { } profileNode ? ParseProfile(profileNode) : null;
        var steps = new List<HilStep>();
        if (Required(map, "steps", null) is { } stepsNode)
        {
            if (stepsNode is not HilSequenceNode list)
            {
                Error("steps", stepsNode.Line, "expected a list of steps, got " + stepsNode.TypeName);
            }
            else if (list.Items.Count == 0)
            {
                Error("steps", stepsNode.Line, "a scenario needs at least one step");
            }
            else
            {
                for (var i = 0; i < list.Items.Count; i++)
                {
                    _step = i + 1;
                    if (ParseStep(list.Items[i], i + 1) is { } step)
                    {
                        steps.Add(step);
                    }
                }

                _step = null;
            }
        }

        return name is null || description is null ? null : new HilScenario(name, description, seed, profile, steps);
    }

    private TreatmentProfile? ParseProfile(HilNode node)
    {
        if (AsMapping(node, "profile") is not { } map)
        {
            return null;
        }

        CheckKeys(map, HilVocabulary.ProfileKeys, "profile");
        int Field(string key) => Required(map, key, "profile") is { } value ? Integer(value, "profile." + key, 0, int.MaxValue) ?? 0 : 0;

        // Values are not held to HardLimits here: a scenario may send an out-of-bounds profile on purpose.
        return new TreatmentProfile
        {
            TargetCount = Field("target_count"),
            CountLimit = Field("count_limit"),
            GrowthLimitPermillePerSecond = Field("growth_limit_permille_per_second"),
            DurationMilliseconds = Field("duration_ms"),
            RampChannelsPerSecond = Field("ramp_channels_per_second"),
            MaxActiveChannels = Field("max_active_channels"),
        };
    }

    private HilStep? ParseStep(HilNode node, int number)
    {
        if (AsMapping(node, null) is not { } map)
        {
            return null;
        }

        if (!CheckKeys(map, [.. HilVocabulary.StepActionKeys, .. HilVocabulary.StepExtraKeys], null))
        {
            return null;
        }

        var actions = map.Entries.Where(e => HilVocabulary.StepActionKeys.Contains(e.Key)).ToList();
        if (actions.Count != 1)
        {
            Error(null, map.Line, actions.Count == 0
                ? "a step needs exactly one of: " + string.Join(", ", HilVocabulary.StepActionKeys)
                : "a step has exactly one action, found " + string.Join(" and ", actions.Select(a => a.Key)));
            return null;
        }

        if (Optional(map, "note") is { } note)
        {
            Text(note, "note");
        }

        var (key, value) = (actions[0].Key, actions[0].Value);
        if (key != "console" && Optional(map, "result") is { } stray)
        {
            Error("result", stray.Line, "'result' belongs to console steps only");
        }

        var text = key + ": " + Describe(value);
        switch (key)
        {
            case "inject":
                return ParseInject(value) is { } condition ? new HilStep(number, HilStepKind.Inject, text) { Condition = condition } : null;
            case "console":
                return ParseConsole(map, value, number, text);
            case "wait_ms":
                return Integer(value, "wait_ms", 1, HilVocabulary.MaxWaitMilliseconds) is int ms
                    ? new HilStep(number, HilStepKind.Wait, text) { WaitMilliseconds = ms }
                    : null;
            case "wait_until":
                return ParseWaitUntil(value) is { } until ? new HilStep(number, HilStepKind.WaitUntil, text) { Expectation = until } : null;
            default:
                return ParseExpect(value) is { } expectation ? new HilStep(number, HilStepKind.Expect, text) { Expectation = expectation } : null;
        }
    }

    private HilCondition? ParseInject(HilNode node)
    {
        if (AsMapping(node, "inject") is not { } map)
        {
            return null;
        }

        var primaries = map.Entries.Where(e => HilVocabulary.InjectPrimaryKeys.Contains(e.Key)).ToList();
        var unknown = map.Entries.Where(e => !HilVocabulary.InjectPrimaryKeys.Contains(e.Key) && e.Key is not ("part" or "channel" or "for_ms" or "growth_permille_per_second")).ToList();
        foreach (var bad in unknown)
        {
            Error("inject." + bad.Key, bad.Value.Line, "unknown key; a condition is one of: " + string.Join(", ", HilVocabulary.InjectPrimaryKeys) + " (with part, channel, for_ms, growth_permille_per_second where they apply)");
        }

        if (unknown.Count > 0)
        {
            return null;
        }

        if (primaries.Count != 1)
        {
            Error("inject", map.Line, primaries.Count == 0
                ? "an inject needs exactly one of: " + string.Join(", ", HilVocabulary.InjectPrimaryKeys)
                : "an inject sets one condition, found " + string.Join(" and ", primaries.Select(p => p.Key)));
            return null;
        }

        var (key, value) = (primaries[0].Key, primaries[0].Value);
        var allowed = new List<string> { key };
        HilCondition? condition = null;
        var errorsBefore = _errors.Count;
        switch (key)
        {
            case "fault":
                if (Choice(value, "inject.fault", HilVocabulary.Faults) is { } fault)
                {
                    condition = new HilCondition(fault);
                    allowed.Add("for_ms");
                    if (fault is HilConditionKind.SensorNack or HilConditionKind.SensorStuck or HilConditionKind.SensorCrc)
                    {
                        allowed.Add("part");
                        var partNode = Required(map, "part", "inject");
                        var part = partNode is not null ? Choice(partNode, "inject.part", HilVocabulary.Parts) : null;
                        if (fault == HilConditionKind.SensorCrc && part == HilSensorPart.Temperature)
                        {
                            // The temperature sensor (TMP117) sends no CRC: there is nothing for the rig to corrupt.
                            Error("inject.part", partNode!.Line, "sensor-crc applies only to part counter (the temperature sensor has no CRC)");
                            part = null;
                        }

                        condition = part is { } p ? condition with { Part = p } : null;
                    }
                    else if (fault is HilConditionKind.EmitterStuckOn or HilConditionKind.EmitterStuckOff)
                    {
                        allowed.Add("channel");
                        var channel = Required(map, "channel", "inject") is { } channelNode ? Integer(channelNode, "inject.channel", 0, HardLimits.EmitterChannels - 1) : null;
                        condition = channel is int c ? condition with { Channel = c } : null;
                    }

                    if (condition is not null && Optional(map, "for_ms") is { } forNode)
                    {
                        var forMs = Integer(forNode, "inject.for_ms", 1, HilVocabulary.MaxWaitMilliseconds);
                        condition = forMs is int f ? condition with { ForMilliseconds = f } : null;
                    }
                }

                break;
            case "link":
                condition = Choice(value, "inject.link", HilVocabulary.LinkActions) is { } link ? new HilCondition(link) : null;
                break;
            case "rogue":
                if (Switch(value, "inject.rogue") is bool on)
                {
                    condition = new HilCondition(on ? HilConditionKind.RogueOn : HilConditionKind.RogueOff) { GrowthPermillePerSecond = HilVocabulary.DefaultRogueGrowthPermillePerSecond };
                    if (on)
                    {
                        allowed.Add("growth_permille_per_second");
                        if (Optional(map, "growth_permille_per_second") is { } growthNode)
                        {
                            var growth = Integer(growthNode, "inject.growth_permille_per_second", 1, 100_000);
                            condition = growth is int g ? condition with { GrowthPermillePerSecond = g } : null;
                        }
                    }
                }

                break;
            case "temperature_c":
                condition = Centi(value, "inject.temperature_c", -4000, 15000) is int centi ? new HilCondition(HilConditionKind.Temperature) { TemperatureCentiCelsius = centi } : null;
                break;
            default:
                condition = Choice(value, "inject.frame", HilVocabulary.Frames) is { } frame ? new HilCondition(HilConditionKind.Frame) { Frame = frame } : null;
                break;
        }

        // When the condition itself was unreadable, which keys apply is unknown: say nothing more.
        if (_errors.Count > errorsBefore && condition is null && !allowed.Skip(1).Any())
        {
            return null;
        }

        foreach (var entry in map.Entries)
        {
            if (!allowed.Contains(entry.Key))
            {
                Error("inject." + entry.Key, entry.Value.Line, "does not apply to " + key + ": " + Describe(value));
                condition = null;
            }
        }

        return condition;
    }

    private HilStep? ParseConsole(HilMappingNode step, HilNode value, int number, string text)
    {
        HilConsoleAction? action = null;
        if (value is HilMappingNode map)
        {
            CheckKeys(map, ["heartbeat"], "console");
            if (Required(map, "heartbeat", "console") is { } beat && Switch(beat, "console.heartbeat") is bool on)
            {
                action = on ? HilConsoleAction.HeartbeatOn : HilConsoleAction.HeartbeatOff;
            }
        }
        else
        {
            action = Choice(value, "console", HilVocabulary.ConsoleCommands, "or a mapping { heartbeat: on|off }");
        }

        CommandResult? expected = null;
        var noAnswer = false;
        if (Optional(step, "result") is { } resultNode)
        {
            if (resultNode is HilScalarNode { Text: { } t } && string.Equals(t, "none", StringComparison.OrdinalIgnoreCase))
            {
                noAnswer = true;
            }
            else
            {
                expected = EnumName<CommandResult>(resultNode, "result", "or none (the controller must not answer)");
                if (expected is null)
                {
                    return null;
                }
            }
        }

        return action is { } a ? new HilStep(number, HilStepKind.Console, text) { Action = a, ExpectedResult = expected, ExpectNoAnswer = noAnswer } : null;
    }

    private HilExpectation? ParseWaitUntil(HilNode node)
    {
        if (AsMapping(node, "wait_until") is not { } map)
        {
            return null;
        }

        CheckKeys(map, HilVocabulary.WaitUntilKeys, "wait_until");
        var targets = map.Entries.Where(e => e.Key is "state" or "cut").ToList();
        if (targets.Count != 1)
        {
            Error("wait_until", map.Line, "wait_until needs exactly one of: state, cut");
            return null;
        }

        var within = Required(map, "within_ms", "wait_until") is { } w ? Integer(w, "wait_until.within_ms", 1, HilVocabulary.MaxWaitMilliseconds) : null;
        var expectation = Primary(targets[0].Key, targets[0].Value, "wait_until");
        return expectation is null || within is null ? null : expectation with { WithinMilliseconds = within, Text = expectation.Text + " within " + within.Value.ToString(CultureInfo.InvariantCulture) + " ms" };
    }

    private HilExpectation? ParseExpect(HilNode node)
    {
        if (AsMapping(node, "expect") is not { } map)
        {
            return null;
        }

        CheckKeys(map, [.. HilVocabulary.ExpectPrimaryKeys, "within_ms"], "expect");
        var primaries = map.Entries.Where(e => HilVocabulary.ExpectPrimaryKeys.Contains(e.Key)).ToList();
        if (primaries.Count != 1)
        {
            Error("expect", map.Line, primaries.Count == 0
                ? "an expect needs exactly one of: " + string.Join(", ", HilVocabulary.ExpectPrimaryKeys)
                : "an expect checks one thing, found " + string.Join(" and ", primaries.Select(p => p.Key)) + " (use one step each)");
            return null;
        }

        var (key, value) = (primaries[0].Key, primaries[0].Value);
        var expectation = Primary(key, value, "expect");
        if (Optional(map, "within_ms") is { } withinNode)
        {
            if (!HilVocabulary.WindowedExpectKeys.Contains(key))
            {
                Error("expect.within_ms", withinNode.Line, "does not apply to " + key + " (only to " + string.Join(", ", HilVocabulary.WindowedExpectKeys) + ")");
                return null;
            }

            var within = Integer(withinNode, "expect.within_ms", 1, HilVocabulary.MaxWaitMilliseconds);
            expectation = expectation is null || within is null ? null : expectation with { WithinMilliseconds = within, Text = expectation.Text + " within " + within.Value.ToString(CultureInfo.InvariantCulture) + " ms" };
        }

        return expectation;
    }

    private HilExpectation? Primary(string key, HilNode value, string parent)
    {
        var field = parent + "." + key;
        var text = key + ": " + Describe(value);
        switch (key)
        {
            case "state":
                return EnumName<ChamberState>(value, field) is { } state ? new HilExpectation(HilExpectationKind.State) { State = state, Text = text } : null;
            case "cut":
                return Reasons(value, field) is { } reasons ? new HilExpectation(HilExpectationKind.Cut) { Reasons = reasons, Text = text } : null;
            case "never_cut":
                return True(value, field) ? new HilExpectation(HilExpectationKind.NeverCut) { Text = text } : null;
            case "configuration_unchanged":
                return True(value, field) ? new HilExpectation(HilExpectationKind.ConfigurationUnchanged) { Text = text } : null;
            case "frame_rejected":
                return EnumName<HilFrameRejection>(value, field) is { } rejection && rejection != HilFrameRejection.None
                    ? new HilExpectation(HilExpectationKind.FrameRejected) { Rejection = rejection, Text = text }
                    : null;
            case "emitters_off_within_ms":
                return Integer(value, field, 0, HilVocabulary.MaxWaitMilliseconds) is int off
                    ? new HilExpectation(HilExpectationKind.EmittersOffWithin) { WithinMilliseconds = off, Text = text }
                    : null;
            case "emitters_on_within_ms":
                return Integer(value, field, 0, HilVocabulary.MaxWaitMilliseconds) is int on
                    ? new HilExpectation(HilExpectationKind.EmittersOnWithin) { WithinMilliseconds = on, Text = text }
                    : null;
            case "emitters_stay_off_ms":
                return Integer(value, field, 1, HilVocabulary.MaxWaitMilliseconds) is int stay
                    ? new HilExpectation(HilExpectationKind.EmittersStayOff) { WithinMilliseconds = stay, Text = text }
                    : null;
            default:
                return Integer(value, field, 1, int.MaxValue) is int bound
                    ? new HilExpectation(HilExpectationKind.MaxCountBelow) { CountBound = bound, Text = text }
                    : null;
        }
    }

    private CutReasons? Reasons(HilNode node, string field)
    {
        var items = node is HilSequenceNode list ? list.Items : [node];
        if (items.Count == 0)
        {
            Error(field, node.Line, "expected at least one cut reason");
            return null;
        }

        var reasons = CutReasons.None;
        foreach (var item in items)
        {
            if (EnumName<CutReasons>(item, field) is not { } reason)
            {
                return null;
            }

            if (reason == CutReasons.None)
            {
                Error(field, item.Line, "None is not a cut; use never_cut: true to expect no cut");
                return null;
            }

            reasons |= reason;
        }

        return reasons;
    }

    private T? EnumName<T>(HilNode node, string field, string? also = null)
        where T : struct, Enum
    {
        if (Scalar(node, field) is not { } text)
        {
            return null;
        }

        // Names only: Enum.TryParse would also take "3" or "1,2", which a reviewer cannot read.
        foreach (var name in Enum.GetNames<T>())
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                return Enum.Parse<T>(name);
            }
        }

        Error(field, node.Line, "unknown value '" + text + "'; expected one of: " + string.Join(", ", Enum.GetNames<T>()) + (also is null ? string.Empty : " " + also));
        return null;
    }

    private T? Choice<T>(HilNode node, string field, IReadOnlyDictionary<string, T> choices, string? also = null)
        where T : struct
    {
        if (Scalar(node, field) is not { } text)
        {
            return null;
        }

        if (choices.TryGetValue(text, out var value))
        {
            return value;
        }

        var what = field.EndsWith("fault", StringComparison.Ordinal) || field.EndsWith("frame", StringComparison.Ordinal) ? "unknown condition" : "unknown value";
        Error(field, node.Line, what + " '" + text + "'; expected one of: " + string.Join(", ", choices.Keys) + (also is null ? string.Empty : " " + also));
        return null;
    }

    private string? Scalar(HilNode node, string field)
    {
        if (node is HilScalarNode { Text: { } text })
        {
            return text;
        }

        Error(field, node.Line, "expected a name, got " + node.TypeName);
        return null;
    }

    private string? Text(HilNode? node, string field)
    {
        if (node is null)
        {
            return null;
        }

        if (node is HilScalarNode { Text: { } text } && text.Trim().Length > 0)
        {
            return text;
        }

        Error(field, node.Line, "expected text, got " + (node is HilScalarNode ? "an empty value" : node.TypeName));
        return null;
    }

    private int? Integer(HilNode node, string field, int min, int max)
    {
        if (node is not HilScalarNode { Text: { } text, IsString: false }
            || !int.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Error(field, node.Line, "expected a whole number, got " + Describe(node));
            return null;
        }

        if (value < min || value > max)
        {
            Error(field, node.Line, "must be between " + min.ToString(CultureInfo.InvariantCulture) + " and " + max.ToString(CultureInfo.InvariantCulture) + ", got " + text);
            return null;
        }

        return value;
    }

    /// <summary>A decimal number with at most two decimals, returned in hundredths.</summary>
    private int? Centi(HilNode node, string field, int min, int max)
    {
        if (node is not HilScalarNode { Text: { } text, IsString: false }
            || !decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || decimal.Round(value, 2) != value)
        {
            Error(field, node.Line, "expected a number with at most two decimals, got " + Describe(node));
            return null;
        }

        var centi = value * 100;
        if (centi < min || centi > max)
        {
            Error(field, node.Line, "must be between " + (min / 100m).ToString(CultureInfo.InvariantCulture) + " and " + (max / 100m).ToString(CultureInfo.InvariantCulture) + ", got " + text);
            return null;
        }

        return (int)centi;
    }

    private bool? Switch(HilNode node, string field)
    {
        if (node is HilScalarNode { Text: { } text })
        {
            switch (text.ToUpperInvariant())
            {
                case "ON" or "TRUE":
                    return true;
                case "OFF" or "FALSE":
                    return false;
            }
        }

        Error(field, node.Line, "expected on or off, got " + Describe(node));
        return null;
    }

    private bool True(HilNode node, string field)
    {
        if (node is HilScalarNode { Text: { } text, IsString: false } && string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        Error(field, node.Line, "expected true (leave the key out rather than writing false), got " + Describe(node));
        return false;
    }

    private HilMappingNode? AsMapping(HilNode node, string? field)
    {
        if (node is HilMappingNode map)
        {
            return map;
        }

        Error(field, node.Line, "expected a mapping (key: value), got " + Describe(node));
        return null;
    }

    /// <summary>Reports every key not in <paramref name="allowed"/>; false when there was one.</summary>
    private bool CheckKeys(HilMappingNode map, string[] allowed, string? parent)
    {
        var clean = true;
        foreach (var entry in map.Entries)
        {
            if (!allowed.Contains(entry.Key))
            {
                Error(parent is null ? entry.Key : parent + "." + entry.Key, entry.Value.Line, "unknown key; allowed here: " + string.Join(", ", allowed));
                clean = false;
            }
        }

        return clean;
    }

    private HilNode? Required(HilMappingNode map, string key, string? parent)
    {
        var found = Optional(map, key);
        if (found is null)
        {
            Error(parent is null ? key : parent + "." + key, map.Line, "missing required key");
        }

        return found;
    }

    private static HilNode? Optional(HilMappingNode map, string key)
    {
        foreach (var entry in map.Entries)
        {
            if (entry.Key == key)
            {
                return entry.Value;
            }
        }

        return null;
    }

    private static string Describe(HilNode node) => node switch
    {
        HilScalarNode { Text: null } => "nothing",
        // Quotes only where they change the meaning: a quoted "500" is text, not a number.
        HilScalarNode { IsString: true } s when LooksTyped(s.Text!) => "\"" + s.Text + "\"",
        HilScalarNode s => s.Text!,
        HilMappingNode m => "{ " + string.Join(", ", m.Entries.Select(e => e.Key + ": " + Describe(e.Value))) + " }",
        HilSequenceNode l => "[" + string.Join(", ", l.Items.Select(Describe)) + "]",
        _ => node.TypeName,
    };

    private static bool LooksTyped(string text) =>
        text.Length == 0 || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || text is "true" or "false" or "null";

    private void Error(string? field, int line, string message)
    {
        _errors.Add(new HilScenarioError(_file, message) { Scenario = _scenario, Step = _step, Field = field, Line = line });
    }
}
