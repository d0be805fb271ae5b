using System;
using System.Collections.Generic;
using System.Linq;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Simulation.Engine;
using ChamberFirmware.Simulation.Safety;

namespace ChamberFirmware.Simulation.Scenarios;

/// <summary>Every built-in scenario, by name.</summary>
public static class ScenarioCatalog
{
    private static readonly Lazy<IReadOnlyList<Scenario>> Scenarios = new(Build);

    public static IReadOnlyList<Scenario> All => Scenarios.Value;

    public static Scenario? Find(string name) => All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    private static IReadOnlyList<Scenario> Build() =>
    [
        new TreatmentScenario(),
        new FaultDuringTreatmentScenario(
            "rogue-replication", "the incident: replication runs away on its own; cut on growth before the count limit, far before the ceiling",
            "rogue replication starts", CutReasons.RunawayGrowth, HazardKind.RunawayReplication,
            s => s.InjectFault("rogue-replication"),
            extra: s =>
            [
                ScenarioScript.Criterion("cut before the count limit", s.Cuts.Count > 0 && !s.Cuts[0].Reason.Contains("Overcount", StringComparison.Ordinal)
                    && s.Invariants.MaxCountWhilePowered < ScenarioScript.StandardProfile().CountLimit,
                    $"max true count with emitters powered {s.Invariants.MaxCountWhilePowered} (limit {ScenarioScript.StandardProfile().CountLimit}, ceiling {HardLimits.CountCeiling})"),
            ],
            extraCriteria: ["the cut comes from the growth rate, not the count: no emitter is powered at or above the CountLimit (so never near the hard ceiling)"]),
        new FaultDuringTreatmentScenario(
            "link-loss", "the console's radio link drops silently mid-session (heartbeats stop)",
            "the console's heartbeats stop", CutReasons.LinkLost, HazardKind.LinkLost, s => s.DropLink()),
        new FaultDuringTreatmentScenario(
            "sensor-stuck", "the counter hangs: data-ready stays set, the sequence number stops",
            "the counter's sequence freezes", CutReasons.SensorFault, HazardKind.CounterFault, s => s.InjectFault("counter-frozen-sequence")),
        new FaultDuringTreatmentScenario(
            "counter-frozen", "the counter's count freezes at a plausible value while its sequence number keeps advancing (it could hide runaway replication)",
            "the count freezes", CutReasons.SensorFault, HazardKind.CounterValueFrozen, s => s.InjectFault("counter-stuck-value")),
        new FaultDuringTreatmentScenario(
            "temperature-frozen", "the temperature sensor hangs with data-ready latched: the same plausible value reads as new",
            "the temperature sensor hangs", CutReasons.SensorFault, HazardKind.TemperatureValueFrozen, s => s.InjectFault("temperature-frozen-sequence"),
            observeMilliseconds: 8_000),
        new FaultDuringTreatmentScenario(
            "sensor-nack", "the counter stops acknowledging its address on the I2C bus",
            "the counter NACKs", CutReasons.SensorFault, HazardKind.CounterFault, s => s.InjectFault("counter-nack")),
        new FaultDuringTreatmentScenario(
            "sensor-crc", "the counter's readings arrive with bad CRCs",
            "every counter reading fails its CRC", CutReasons.SensorFault, HazardKind.CounterFault, s => s.InjectFault("counter-crc-error")),
        new FaultDuringTreatmentScenario(
            "emitter-stuck-on", "emitter 7's driver shorts on while the session uses channels 0-3",
            "emitter 7 sticks on", CutReasons.EmitterMismatch, HazardKind.EmitterStuckOn, s => s.InjectFault("emitter-stuck-on:7"),
            maxActiveChannels: 4,
            extra: s =>
            [
                ScenarioScript.Criterion("the stuck emitter stops only with the bank", s.Cuts.Count > 0 && s.Cuts[0].EmittersOffLatencyMilliseconds == s.Cuts[0].LatencyMilliseconds,
                    s.Cuts.Count == 0 ? "no cut" : $"emitters off after {ScenarioScript.Ms(s.Cuts[0].EmittersOffLatencyMilliseconds)}, bank off after {ScenarioScript.Ms(s.Cuts[0].LatencyMilliseconds)}"),
            ],
            extraCriteria: ["the shorted emitter goes dark exactly when the bank supply drops (the interlock, not the enable line, stops it)"]),
        new FaultDuringTreatmentScenario(
            "over-temperature", "the chamber's cooling is impaired (7.5x heating per channel); over-temperature limit set to 40.00 °C over the link",
            "the chamber heats past 40.00 °C", CutReasons.OverTemperature, HazardKind.OverTemperature, _ => { }, faultAfterMilliseconds: 0,
            configure: setup => setup with { Plant = new Hal.Simulated.Plant.PlantParameters { HeatingMicroCelsiusPerMillisecondPerChannel = 150 } },
            beforeStart: s =>
            {
                s.Connect();
                var settings = new ChamberSettings { OverTemperatureCentiCelsius = 4000 };
                if (!s.SetSettings(settings).IsOk)
                {
                    throw new InvalidOperationException("the over-temperature limit was refused");
                }
            },
            extra: s =>
            [
                ScenarioScript.Criterion("no unsafe exposure", s.Invariants.UnsafeExposureMilliseconds == 0,
                    $"unsafe exposure {s.Invariants.UnsafeExposureMilliseconds} ms"),
            ]),
        new FirmwareHangScenario(),
        new UnauthorizedUpdateScenario(),
        new ReplayAttackScenario(),
    ];
}
