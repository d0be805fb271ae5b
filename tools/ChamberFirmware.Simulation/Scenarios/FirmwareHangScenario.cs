using System.Collections.Generic;
using System.Linq;
using ChamberFirmware.Simulation.Engine;
using ChamberFirmware.Simulation.Report;
using ChamberFirmware.Simulation.Safety;

namespace ChamberFirmware.Simulation.Scenarios;

/// <summary>The CPU hangs mid-session: no firmware code runs any more; the hold circuit alone must drop the bank.</summary>
public sealed class FirmwareHangScenario : Scenario
{
    public override string Name => "firmware-hang";

    public override string Description => "every firmware loop stops mid-session (hung CPU); the keep-alive hold circuit must drop the bank by itself";

    public override IReadOnlyList<string> PassCriteria =>
    [
        "all firmware loops stop 10 s into an Active session, emitters left enabled",
        "the bank is truly unpowered within the hold time (25 ms) of the hang, with no firmware involved",
        "no emitter is truly powered after that",
    ];

    public override IReadOnlyList<CriterionResult> Run(ChamberSimulation simulation)
    {
        ScenarioScript.StartTreatment(simulation, ScenarioScript.StandardProfile(durationMilliseconds: 60_000));
        simulation.AdvanceMilliseconds(10_000);
        int enabledAtHang = simulation.Board.PoweredChannelMask;
        simulation.Hang();
        long hungAt = simulation.NowMilliseconds;
        simulation.AdvanceMilliseconds(2_000);
        var cut = simulation.Cuts.FirstOrDefault(c => c.Reason == "KeepAliveHoldExpired");
        return
        [
            ScenarioScript.Criterion("emitters were on at the hang", enabledAtHang != 0, $"powered mask 0x{enabledAtHang:X2} at {hungAt} ms"),
            ScenarioScript.Criterion("hold circuit dropped the bank", cut is not null, cut is null ? "bank still powered" : $"bank unpowered at {cut.AtMilliseconds} ms"),
            ScenarioScript.Criterion("within the hold time", cut?.LatencyMilliseconds is { } latency && latency <= DetectionBudgets.FirmwareHangMicroseconds / 1000 && cut.Hazard == nameof(HazardKind.FirmwareHang),
                $"latency {ScenarioScript.Ms(cut?.LatencyMilliseconds)} from the hang (hold time {DetectionBudgets.FirmwareHangMicroseconds / 1000} ms)"),
            ScenarioScript.Criterion("nothing powered afterwards", simulation.Board.PoweredChannelMask == 0, $"powered mask 0x{simulation.Board.PoweredChannelMask:X2} at the end"),
        ];
    }
}
