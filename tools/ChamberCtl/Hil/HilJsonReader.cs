using System.Collections.Generic;
using System.Text.Json;

namespace ChamberCtl.Hil;

/// <summary>
/// Reads JSON into <see cref="HilNode"/> trees (the same schema as YAML). JSON carries no line
/// numbers once parsed, so errors name the scenario, step and field instead; syntax errors keep theirs.
/// </summary>
internal static class HilJsonReader
{
    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static IReadOnlyList<HilNode> Read(string file, string text, List<HilScenarioError> errors)
    {
        try
        {
            using var document = JsonDocument.Parse(text, Options);
            return [Convert(file, document.RootElement, errors)];
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is long l ? (int)l + 1 : 0;
            errors.Add(new HilScenarioError(file, "not valid JSON: " + e.Message) { Line = line });
            return [];
        }
    }

    private static HilNode Convert(string file, JsonElement element, List<HilScenarioError> errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var entries = new List<KeyValuePair<string, HilNode>>();
                var seen = new HashSet<string>();
                foreach (var property in element.EnumerateObject())
                {
                    if (!seen.Add(property.Name))
                    {
                        errors.Add(new HilScenarioError(file, "duplicate key '" + property.Name + "'"));
                        continue;
                    }

                    entries.Add(new KeyValuePair<string, HilNode>(property.Name, Convert(file, property.Value, errors)));
                }

                return new HilMappingNode(0, entries);
            case JsonValueKind.Array:
                var items = new List<HilNode>();
                foreach (var item in element.EnumerateArray())
                {
                    items.Add(Convert(file, item, errors));
                }

                return new HilSequenceNode(0, items);
            case JsonValueKind.String:
                return new HilScalarNode(0, element.GetString(), IsString: true);
            case JsonValueKind.Number:
                return new HilScalarNode(0, element.GetRawText(), IsString: false);
            case JsonValueKind.True:
                return new HilScalarNode(0, "true", IsString: false);
            case JsonValueKind.False:
                return new HilScalarNode(0, "false", IsString: false);
            default:
                return new HilScalarNode(0, null, IsString: false);
        }
    }
}
