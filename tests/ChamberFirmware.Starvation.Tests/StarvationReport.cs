using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ChamberFirmware.Starvation.Tests;

/// <summary>
/// What tests/ChamberFirmware.Starvation.NanoClr printed, read back: the supervisor's ticks, the
/// summary lines ("name,key=value,…") and the per-operation costs. An interval is the time between
/// two tick starts, as SafetySupervisor's overrun check sees it; its firmware part leaves out the
/// host's (the process descheduled, throttled, or an idle interpreter waking late).
/// </summary>
public sealed class StarvationReport
{
    private readonly Dictionary<string, Dictionary<string, string>> _summaries = new(StringComparer.Ordinal);

    public StarvationReport(IReadOnlyList<string> lines)
    {
        Lines = lines;
        foreach (string line in lines)
        {
            string[] fields = line.Split(',');
            switch (fields[0])
            {
                case "tick":
                    Ticks.Add(new SupervisorTick(Long(fields[1]), Long(fields[2]), int.Parse(fields[3], CultureInfo.InvariantCulture), int.Parse(fields[4], CultureInfo.InvariantCulture)));
                    break;
                case "cost":
                    Costs.Add(line);
                    break;
                case "probe":
                    Probes[fields[1]] = (Long(fields[3]), Long(fields[4]));
                    break;
                case "calibration":
                case "caps":
                case "link":
                case "stretch":
                case "supervisor":
                case "host":
                case "end":
                    _summaries[fields[0]] = fields.Skip(1).Where(f => f.Contains('=', StringComparison.Ordinal))
                        .ToDictionary(f => f[..f.IndexOf('=', StringComparison.Ordinal)], f => f[(f.IndexOf('=', StringComparison.Ordinal) + 1)..], StringComparer.Ordinal);
                    break;
            }
        }
    }

    public IReadOnlyList<string> Lines { get; }

    public List<SupervisorTick> Ticks { get; } = new();

    public List<string> Costs { get; } = new();

    /// <summary>The scheduler probe (SchedulerProbe): case → median and maximum interval of a Highest Sleep(10) loop, µs.</summary>
    public Dictionary<string, (long Median, long Max)> Probes { get; } = new(StringComparer.Ordinal);

    public bool Completed => Lines.Contains("starvation: done");

    /// <summary>A summary value, e.g. Value("end", "latched").</summary>
    public long Value(string summary, string key) =>
        _summaries.TryGetValue(summary, out var values) && values.TryGetValue(key, out string text)
            ? Long(text)
            : throw new InvalidOperationException($"the run printed no {summary} {key}");

    /// <summary>When the planted phase (the negative control) began.</summary>
    public long PlantedFrom => Value("end", "planted-from");

    /// <summary>Intervals whose both ends lie in the scenario (before the planted phase).</summary>
    public IntervalStats Scenario(bool firmwareOnly) => Intervals(t => t.StartedAt < PlantedFrom, firmwareOnly);

    /// <summary>Intervals whose both ends lie in the planted phase.</summary>
    public IntervalStats Planted(bool firmwareOnly) => Intervals(t => t.StartedAt >= PlantedFrom, firmwareOnly);

    /// <summary>What ran just before each scenario tick that came more than <paramref name="microseconds"/> after the one before (firmware part).</summary>
    public IReadOnlyDictionary<int, int> BeforeLateTicks(long microseconds) =>
        Pairs(t => t.StartedAt < PlantedFrom).Where(p => Firmware(p) > microseconds).GroupBy(p => p.Late.Before).ToDictionary(g => g.Key, g => g.Count());

    private IntervalStats Intervals(Func<SupervisorTick, bool> inPhase, bool firmwareOnly) =>
        new(Pairs(inPhase).Select(p => firmwareOnly ? Firmware(p) : p.Late.StartedAt - p.Early.StartedAt));

    private IEnumerable<(SupervisorTick Early, SupervisorTick Late)> Pairs(Func<SupervisorTick, bool> inPhase) =>
        Ticks.Zip(Ticks.Skip(1)).Where(p => inPhase(p.First) && inPhase(p.Second)).Select(p => (p.First, p.Second));

    private static long Firmware((SupervisorTick Early, SupervisorTick Late) pair) =>
        pair.Late.StartedAt - pair.Early.StartedAt - (pair.Late.Host - pair.Early.Host);

    private static long Long(string text) => long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
