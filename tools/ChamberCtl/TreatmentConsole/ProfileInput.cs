using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Simulation.Scenarios;

namespace ChamberCtl.TreatmentConsole;

/// <summary>
/// The profile <c>arm</c> sends: the simulator scenarios' standard profile, overlaid by a JSON file
/// of TreatmentProfile fields (any subset, camelCase names), overlaid by flags. The device checks
/// every field against its hard bounds and names the one it refuses.
/// </summary>
internal static class ProfileInput
{
    private static readonly string[] Names =
        ["targetCount", "countLimit", "growthLimitPermillePerSecond", "durationMilliseconds", "rampChannelsPerSecond", "maxActiveChannels"];

    public static TreatmentProfile Standard() => ScenarioScript.StandardProfile();

    /// <summary>Reads a profile file over <paramref name="profile"/>; throws FormatException naming the file and the field.</summary>
    public static void ApplyFile(TreatmentProfile profile, string path)
    {
        string hint = "a JSON object with any of " + string.Join(", ", Names);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FormatException("--profile " + path + " cannot be read: " + ex.Message);
        }
        catch (JsonException ex)
        {
            throw new FormatException("--profile " + path + " is not valid JSON (" + ex.Message + "); give " + hint);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("--profile " + path + ": give " + hint);
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out int value))
                {
                    throw new FormatException("--profile " + path + ": " + property.Name + " must be a whole number");
                }

                Set(profile, property.Name, value, path, hint);
            }
        }
    }

    public static string Describe(TreatmentProfile p) =>
        FormattableString.Invariant($"target {p.TargetCount}, count limit {p.CountLimit}, growth limit {p.GrowthLimitPermillePerSecond} ‰/s, {p.DurationMilliseconds / 1000.0:0.0} s, ramp {p.RampChannelsPerSecond} channels/s, at most {p.MaxActiveChannels} channels");

    private static void Set(TreatmentProfile profile, string name, int value, string path, string hint)
    {
        var setters = new Dictionary<string, Action<int>>(StringComparer.OrdinalIgnoreCase)
        {
            ["targetCount"] = v => profile.TargetCount = v,
            ["countLimit"] = v => profile.CountLimit = v,
            ["growthLimitPermillePerSecond"] = v => profile.GrowthLimitPermillePerSecond = v,
            ["durationMilliseconds"] = v => profile.DurationMilliseconds = v,
            ["rampChannelsPerSecond"] = v => profile.RampChannelsPerSecond = v,
            ["maxActiveChannels"] = v => profile.MaxActiveChannels = v,
        };
        if (!setters.TryGetValue(name, out var set))
        {
            throw new FormatException("--profile " + path + ": unknown field \"" + name + "\"; give " + hint);
        }

        set(value);
    }
}
