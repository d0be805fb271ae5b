using System;
using System.Collections.Generic;
using ChamberFirmware.Hal.Simulated.Faults;

namespace ChamberFirmware.Simulation.Engine;

/// <summary>
/// A fault by name, as scenarios, the fuzzer, the CLI and the HIL adapter give it
/// (e.g. "counter-nack", "emitter-stuck-on:7", "rogue-replication").
/// </summary>
public readonly record struct SimulatedFault(SimulatedPart Part, FaultKind Kind, int Channel)
{
    private static readonly Dictionary<string, (SimulatedPart Part, FaultKind Kind)> Names = Build();

    public static IEnumerable<string> KnownNames => Names.Keys;

    public string Name
    {
        get
        {
            foreach (var pair in Names)
            {
                if (pair.Value.Part == Part && pair.Value.Kind == Kind)
                {
                    return Part == SimulatedPart.EmitterChannel ? $"{pair.Key}:{Channel}" : pair.Key;
                }
            }

            return $"{Part}/{Kind}";
        }
    }

    /// <summary>Parses "part-kind" or "emitter-kind:channel"; throws ArgumentException naming the known faults.</summary>
    public static SimulatedFault Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string name = text.Trim().ToLowerInvariant();
        int channel = 0;
        int colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            if (!int.TryParse(name.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out channel))
            {
                throw new ArgumentException($"fault '{text}': the channel after ':' must be a number");
            }

            name = name[..colon];
        }

        if (!Names.TryGetValue(name, out var entry))
        {
            throw new ArgumentException($"unknown fault '{text}'; known: {string.Join(", ", Names.Keys)}");
        }

        FaultTarget.Check(entry.Part, channel, entry.Kind, Hal.Board.BoardPins.EmitterChannelCount);
        return new SimulatedFault(entry.Part, entry.Kind, channel);
    }

    private static Dictionary<string, (SimulatedPart, FaultKind)> Build()
    {
        var names = new Dictionary<string, (SimulatedPart, FaultKind)>(StringComparer.Ordinal);
        (string Prefix, SimulatedPart Part)[] chips = [("counter", SimulatedPart.NanobotCounter), ("temperature", SimulatedPart.TemperatureSensor)];
        foreach (var (prefix, part) in chips)
        {
            foreach (FaultKind kind in Enum.GetValues<FaultKind>())
            {
                if (FaultTarget.Accepts(part, kind))
                {
                    names[$"{prefix}-{Kebab(kind)}"] = (part, kind);
                }
            }
        }

        foreach (FaultKind kind in Enum.GetValues<FaultKind>())
        {
            if (FaultTarget.Accepts(SimulatedPart.EmitterChannel, kind))
            {
                names[Kebab(kind).StartsWith("emitter-", StringComparison.Ordinal) ? Kebab(kind) : "emitter-" + Kebab(kind)] = (SimulatedPart.EmitterChannel, kind);
            }
        }

        names["keep-alive-stuck"] = (SimulatedPart.KeepAlive, FaultKind.KeepAliveStuck);
        names["hold-circuit-stuck-powered"] = (SimulatedPart.HoldCircuit, FaultKind.HoldCircuitStuckPowered);
        names["power-sense-stuck-high"] = (SimulatedPart.InterlockPowerSense, FaultKind.PowerSenseStuckHigh);
        names["power-sense-stuck-low"] = (SimulatedPart.InterlockPowerSense, FaultKind.PowerSenseStuckLow);
        names["rogue-replication"] = (SimulatedPart.Plant, FaultKind.RogueReplication);
        return names;
    }

    private static string Kebab(FaultKind kind)
    {
        string text = kind.ToString().Replace("I2c", "I2c", StringComparison.Ordinal);
        var builder = new System.Text.StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsUpper(c) && i > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString().Replace("i2c-", string.Empty, StringComparison.Ordinal);
    }
}
