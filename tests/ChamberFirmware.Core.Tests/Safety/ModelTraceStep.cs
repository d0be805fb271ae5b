using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ChamberFirmware.Core.Tests.Safety;

/// <summary>
/// One line of a spin trace of docs/model/supervisor.pml: the step the model took, its arguments,
/// and the model's state after it ("M tick err=0 | mode=2 phase=0 emit=1 ka=1 latched=0 bound=1
/// pending=0 tactive=1").
/// </summary>
internal sealed class ModelTraceStep
{
    private static readonly Regex Line = new(
        @"^M (?<kind>[a-z]+)(?<args>( [a-z]+=-?\d+)*)\s*\| mode=(?<mode>\d+) phase=(?<phase>\d+) emit=(?<emit>[01]) ka=(?<ka>[01]) latched=(?<latched>\d+) bound=(?<bound>\d+) pending=(?<pending>\d+) tactive=(?<active>[01])$",
        RegexOptions.CultureInvariant);

    private readonly Dictionary<string, int> _args = new();

    private ModelTraceStep(string text, int lineNumber, string kind)
    {
        Text = text;
        LineNumber = lineNumber;
        Kind = kind;
    }

    public string Text { get; }
    public int LineNumber { get; }
    public string Kind { get; }
    public int Mode { get; private init; }
    public int Phase { get; private init; }
    public bool Emit { get; private init; }
    public bool KeepAlive { get; private init; }
    public int Latched { get; private init; }
    public int Bound { get; private init; }
    public bool Active { get; private init; }

    /// <summary>A step argument (err, res, ok, still, c, ticks, stuck, ka, never); throws naming the line if absent.</summary>
    public int Arg(string name) => _args.TryGetValue(name, out int value)
        ? value
        : throw new FormatException($"trace line {LineNumber}: step '{Kind}' has no argument '{name}': {Text}");

    public static ModelTraceStep Parse(string text, int lineNumber)
    {
        Match m = Line.Match(text);
        if (!m.Success)
        {
            throw new FormatException($"trace line {lineNumber} is not a model step: {text}");
        }

        int Int(string group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);
        var step = new ModelTraceStep(text, lineNumber, m.Groups["kind"].Value)
        {
            Mode = Int("mode"),
            Phase = Int("phase"),
            Emit = Int("emit") == 1,
            KeepAlive = Int("ka") == 1,
            Latched = Int("latched"),
            Bound = Int("bound"),
            Active = Int("active") == 1,
        };
        foreach (string pair in m.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=');
            step._args[pair[..eq]] = int.Parse(pair[(eq + 1)..], CultureInfo.InvariantCulture);
        }

        return step;
    }
}
