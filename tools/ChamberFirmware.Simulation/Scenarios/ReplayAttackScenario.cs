using System.Collections.Generic;
using System.Linq;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Simulation.Console;
using ChamberFirmware.Simulation.Engine;
using ChamberFirmware.Simulation.Report;
using ChamberFirmware.Simulation.Safety;

namespace ChamberFirmware.Simulation.Scenarios;

/// <summary>
/// An eavesdropper records a session's frames and plays them back: in the same session, in a
/// later session, and as heartbeats to keep a chamber alive after its console has gone.
/// </summary>
public sealed class ReplayAttackScenario : Scenario
{
    public override string Name => "replay-attack";

    public override string Description => "recorded Arm/Start/heartbeat frames replayed in the same session, a later session, and to mask a lost link";

    public override IReadOnlyList<string> PassCriteria =>
    [
        "replayed Arm and Start after a Stop are rejected in the same session (sequence) and in a new session (tag); the chamber stays Completed",
        "with the console gone, replayed heartbeats are all rejected and the supervisor still cuts for LinkLost within the link-loss budget",
    ];

    public override IReadOnlyList<CriterionResult> Run(ChamberSimulation simulation)
    {
        TreatmentProfile profile = ScenarioScript.StandardProfile(durationMilliseconds: 60_000);
        simulation.Connect();
        simulation.SetHeartbeats(true);
        simulation.AdvanceMilliseconds(300);
        simulation.Arm(profile);
        byte[] arm = simulation.Console.LastSentFrame;
        simulation.AdvanceUntil(s => s.State == ChamberState.Armed, 1_000);
        simulation.Start();
        byte[] start = simulation.Console.LastSentFrame;
        simulation.AdvanceMilliseconds(3_000);
        simulation.Stop();
        simulation.AdvanceMilliseconds(100);

        var replays = new List<(string What, ConsoleReply Reply)>
        {
            ("Start, same session", simulation.SendRaw(start, "replay: Start (same session)")),
            ("Arm, same session", simulation.SendRaw(arm, "replay: Arm (same session)")),
        };
        simulation.Connect();
        replays.Add(("Start, new session", simulation.SendRaw(start, "replay: Start (new session)")));
        replays.Add(("Arm, new session", simulation.SendRaw(arm, "replay: Arm (new session)")));
        simulation.AdvanceMilliseconds(500);
        ChamberState afterReplays = simulation.State;

        // New session, new treatment; record its heartbeats, then the console vanishes and the
        // attacker plays them back at the console's own rate.
        simulation.Arm(profile);
        simulation.AdvanceUntil(s => s.State == ChamberState.Armed, 1_000);
        simulation.Start();
        var heartbeats = new List<byte[]>();
        for (int i = 0; i < 20; i++)
        {
            simulation.AdvanceMilliseconds(ChamberSimulation.HeartbeatPeriodMilliseconds);
            heartbeats.Add(simulation.Console.LastSentFrame);
        }

        simulation.AdvanceMilliseconds(3_000);
        int cutsBefore = simulation.Cuts.Count;
        simulation.DropLink();
        int acceptedHeartbeats = 0;
        int before = simulation.Firmware.Link.AcceptedFrameCount;
        foreach (byte[] heartbeat in heartbeats)
        {
            simulation.SendRaw(heartbeat, "replay: heartbeat");
            simulation.AdvanceMilliseconds(ChamberSimulation.HeartbeatPeriodMilliseconds);
        }

        acceptedHeartbeats = simulation.Firmware.Link.AcceptedFrameCount - before;
        simulation.AdvanceMilliseconds(1_000);
        var cut = simulation.Cuts.Skip(cutsBefore).FirstOrDefault();
        return
        [
            ScenarioScript.Criterion("replayed commands rejected", replays.All(r => !r.Reply.Answered || !r.Reply.IsOk) && replays.All(r => !r.Reply.Answered),
                string.Join("; ", replays.Select(r => $"{r.What}: {r.Reply}"))),
            ScenarioScript.Criterion("state unchanged by replays", afterReplays == ChamberState.Completed, $"state after replays {afterReplays}"),
            ScenarioScript.Criterion("replayed heartbeats rejected", acceptedHeartbeats == 0, $"{acceptedHeartbeats} of {heartbeats.Count} accepted"),
            ScenarioScript.Criterion("link loss still cut", cut is not null && cut.Reason.Contains(nameof(CutReasons.LinkLost), System.StringComparison.Ordinal) && cut.Hazard == nameof(HazardKind.LinkLost),
                cut is null ? "no cut" : $"cut {cut.Reason} at {cut.AtMilliseconds} ms, hazard {cut.Hazard}"),
            ScenarioScript.Criterion("within the link-loss budget", cut?.WithinBudget == true, $"latency {ScenarioScript.Ms(cut?.LatencyMilliseconds)}, budget {ScenarioScript.Ms(cut?.BudgetMilliseconds)}"),
        ];
    }
}
