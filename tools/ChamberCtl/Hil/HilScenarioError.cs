using System.Text;

namespace ChamberCtl.Hil;

/// <summary>One problem in a scenario file, located as precisely as the format allows.</summary>
internal sealed record HilScenarioError(string File, string Message)
{
    /// <summary>Scenario name, or "#2" when it has none (yet).</summary>
    public string? Scenario { get; init; }

    /// <summary>1-based step number; null for problems outside the steps.</summary>
    public int? Step { get; init; }

    /// <summary>Dotted path of the offending key ("inject.fault", "profile.count_limit").</summary>
    public string? Field { get; init; }

    public int Line { get; init; }

    public override string ToString()
    {
        var text = new StringBuilder(File);
        if (Line > 0)
        {
            text.Append(':').Append(Line);
        }

        text.Append(':');
        if (Scenario is not null)
        {
            text.Append(" scenario ").Append(Scenario);
        }

        if (Step is not null)
        {
            text.Append(" step ").Append(Step.Value);
        }

        if (Field is not null)
        {
            text.Append(" field '").Append(Field).Append('\'');
        }

        if (Scenario is not null || Step is not null || Field is not null)
        {
            text.Append(':');
        }

        return text.Append(' ').Append(Message).ToString();
    }
}
