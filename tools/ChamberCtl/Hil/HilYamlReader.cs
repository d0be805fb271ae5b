using System.Collections.Generic;
using System.IO;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChamberCtl.Hil;

/// <summary>Reads YAML (one or more documents) into <see cref="HilNode"/> trees with line numbers.</summary>
internal static class HilYamlReader
{
    public static IReadOnlyList<HilNode> Read(string file, string text, List<HilScenarioError> errors)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            // YamlDotNet reports duplicate keys and syntax errors here; its message carries the position too.
            errors.Add(new HilScenarioError(file, "not valid YAML: " + Innermost(e).Message) { Line = (int)e.Start.Line });
            return [];
        }
        catch (System.InvalidOperationException)
        {
            // YamlDotNet's scanner throws this instead of a YamlException on some unclosed flow
            // collections (found by fuzzing: ": {" then a plain scalar at the end of the file).
            errors.Add(new HilScenarioError(file, "not valid YAML: the file ends inside a flow collection; look for a '{' or '[' without its closing bracket"));
            return [];
        }

        var roots = new List<HilNode>();
        foreach (var document in stream.Documents)
        {
            var root = Convert(file, document.RootNode, errors);
            if (root is not null)
            {
                roots.Add(root);
            }
        }

        return roots;
    }

    private static System.Exception Innermost(YamlException e)
    {
        System.Exception current = e;
        while (current.InnerException is not null)
        {
            current = current.InnerException;
        }

        return current;
    }

    private static HilNode? Convert(string file, YamlNode node, List<HilScenarioError> errors)
    {
        var line = (int)node.Start.Line;
        switch (node)
        {
            case YamlScalarNode scalar:
                var quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded;
                var plainNull = !quoted && (scalar.Value is null || scalar.Value.Length == 0 || scalar.Value == "~" || scalar.Value == "null");
                return new HilScalarNode(line, plainNull ? null : scalar.Value, quoted);
            case YamlSequenceNode sequence:
                var items = new List<HilNode>();
                foreach (var child in sequence.Children)
                {
                    var converted = Convert(file, child, errors);
                    if (converted is not null)
                    {
                        items.Add(converted);
                    }
                }

                return new HilSequenceNode(line, items);
            case YamlMappingNode mapping:
                var entries = new List<KeyValuePair<string, HilNode>>();
                foreach (var pair in mapping.Children)
                {
                    if (pair.Key is not YamlScalarNode { Value: not null } key)
                    {
                        errors.Add(new HilScenarioError(file, "a key must be a plain name") { Line = (int)pair.Key.Start.Line });
                        continue;
                    }

                    var value = Convert(file, pair.Value, errors);
                    if (value is not null)
                    {
                        entries.Add(new KeyValuePair<string, HilNode>(key.Value, value));
                    }
                }

                return new HilMappingNode(line, entries);
            default:
                errors.Add(new HilScenarioError(file, "unsupported YAML node") { Line = line });
                return null;
        }
    }
}
