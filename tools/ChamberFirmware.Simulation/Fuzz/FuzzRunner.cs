using System;
using System.Collections.Generic;
using System.Linq;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Hal.Simulated.Faults;
using ChamberFirmware.Hal.Simulated.Plant;
using ChamberFirmware.Simulation.Engine;
using ChamberFirmware.Simulation.Scenarios;

namespace ChamberFirmware.Simulation.Fuzz;

/// <summary>
/// Random fault schedules and console behaviour from one seed: the console connects, arms random
/// valid (sometimes invalid) profiles, starts, stops, clears, drops its link or closes it, sends
/// forged and replayed frames; up to three non-overlapping fault windows hit the board; sometimes the
/// firmware hangs. The invariant is checked every millisecond; the run stops at the first violation.
/// </summary>
public static class FuzzRunner
{
    public const int ShortTraceEvents = 25;

    public static FuzzOutcome Run(int seed, long durationMilliseconds, FuzzFaultPool pool = FuzzFaultPool.Detectable, SimulationSetup? baseSetup = null)
    {
        var simulation = new ChamberSimulation((baseSetup ?? new SimulationSetup()) with { Seed = seed });
        var random = new DeterministicRandom(unchecked(seed * 7919 + 17));
        var attacker = new AttackFrames(unchecked(seed * 31 + 5));
        var faults = PlanFaults(random, durationMilliseconds, pool);
        long hangAt = random.NextUInt64() % 20 == 0 ? (long)(random.NextUInt64() % (ulong)durationMilliseconds) : long.MaxValue;
        long nextAction = 0;
        long linkRestoreAt = long.MaxValue;
        byte[]? recorded = null;
        int faultIndex = 0;
        var active = new List<(SimulatedFault Fault, long Until)>();

        while (simulation.NowMilliseconds < durationMilliseconds && simulation.Invariants.Violations.Count == 0)
        {
            long now = simulation.NowMilliseconds;
            while (faultIndex < faults.Count && faults[faultIndex].At <= now)
            {
                simulation.InjectFault(faults[faultIndex].Fault);
                active.Add((faults[faultIndex].Fault, faults[faultIndex].Until));
                faultIndex++;
            }

            for (int i = active.Count - 1; i >= 0; i--)
            {
                if (active[i].Until <= now)
                {
                    simulation.ClearFault(active[i].Fault);
                    active.RemoveAt(i);
                }
            }

            if (now >= hangAt)
            {
                simulation.Hang();
            }

            if (now >= linkRestoreAt)
            {
                linkRestoreAt = long.MaxValue;
                simulation.SetHeartbeats(true);
            }

            if (now >= nextAction)
            {
                nextAction = now + 50 + (long)(random.NextUInt64() % 1500);
                ActOnce(simulation, random, attacker, ref recorded, ref linkRestoreAt);
            }

            long until = Math.Min(nextAction, durationMilliseconds);
            until = Math.Min(until, faultIndex < faults.Count ? faults[faultIndex].At : long.MaxValue);
            foreach (var window in active)
            {
                until = Math.Min(until, window.Until);
            }

            until = Math.Min(until, Math.Min(hangAt, linkRestoreAt));
            simulation.AdvanceMilliseconds(Math.Max(1, until - now));
        }

        return new FuzzOutcome(seed, simulation.Ticks, simulation.Cuts.Count, simulation.MaxCount, simulation.Invariants.Violations.ToArray(),
            simulation.Trace.Last(ShortTraceEvents));
    }

    private static void ActOnce(ChamberSimulation simulation, DeterministicRandom random, AttackFrames attacker, ref byte[]? recorded, ref long linkRestoreAt)
    {
        if (simulation.FirmwareHung)
        {
            return;
        }

        int roll = (int)(random.NextUInt64() % 100);
        if (!simulation.Console.IsConnected)
        {
            if (roll < 85)
            {
                simulation.Connect();
                simulation.SetHeartbeats(true);
            }

            return;
        }

        ChamberState state = simulation.State;
        switch (roll)
        {
            case < 30 when state is ChamberState.Idle or ChamberState.Completed:
                simulation.Arm(RandomProfile(random));
                recorded = simulation.Console.LastSentFrame;
                break;
            case < 55 when state == ChamberState.Armed:
                simulation.Start();
                recorded = simulation.Console.LastSentFrame;
                break;
            case < 62:
                simulation.Stop();
                break;
            case < 75 when state == ChamberState.SafeStop:
                simulation.ClearFault();
                break;
            case < 80:
                simulation.DropLink();
                linkRestoreAt = simulation.NowMilliseconds + 100 + (long)(random.NextUInt64() % 2000);
                break;
            case < 82:
                simulation.CloseTransport();
                break;
            case < 88:
                simulation.SendRaw(attacker.Forged((LinkMessageType)PickCommand(random), attacker.Bytes((int)(random.NextUInt64() % 25))), "fuzz: forged frame");
                break;
            case < 92 when recorded is not null:
                simulation.SendRaw(recorded, "fuzz: replayed frame");
                break;
            case < 94:
                simulation.SendRaw(attacker.Bytes(1 + (int)(random.NextUInt64() % 60)), "fuzz: garbage frame");
                break;
            default:
                simulation.GetStatus();
                break;
        }
    }

    private static TreatmentProfile RandomProfile(DeterministicRandom random)
    {
        int target = 1_000 + (int)(random.NextUInt64() % 200_000);
        long limit = (long)target * (15 + (int)(random.NextUInt64() % 40)) / 10;
        return new TreatmentProfile
        {
            TargetCount = target,
            CountLimit = (int)Math.Min(limit, HardLimits.CountCeiling + (random.NextUInt64() % 20 == 0 ? 1 : 0)),
            GrowthLimitPermillePerSecond = 200 + (int)(random.NextUInt64() % 301),
            DurationMilliseconds = 2_000 + (int)(random.NextUInt64() % 28_000),
            RampChannelsPerSecond = 1 + (int)(random.NextUInt64() % 8),
            MaxActiveChannels = 1 + (int)(random.NextUInt64() % 8),
        };
    }

    private static byte PickCommand(DeterministicRandom random)
    {
        byte[] types = [0x10, 0x11, 0x20, 0x21, 0x22, 0x23, 0x30, 0x40, 0x42, 0x44];
        return types[random.NextUInt64() % (ulong)types.Length];
    }

    /// <summary>The fault names the fuzzer draws from for <paramref name="pool"/>.</summary>
    public static string[] PoolNames(FuzzFaultPool pool) => SimulatedFault.KnownNames
        .Where(n => pool == FuzzFaultPool.All || !FuzzFaults.Undetectable.Contains(n))
        .ToArray();

    private static List<(long At, long Until, SimulatedFault Fault)> PlanFaults(DeterministicRandom random, long duration, FuzzFaultPool pool)
    {
        string[] names = PoolNames(pool);
        var plan = new List<(long, long, SimulatedFault)>();
        int windows = (int)(random.NextUInt64() % 4);
        long cursor = 0;
        for (int i = 0; i < windows && cursor < duration; i++)
        {
            long at = cursor + 500 + (long)(random.NextUInt64() % (ulong)Math.Max(1, duration / 3));
            long until = at + 50 + (long)(random.NextUInt64() % 10_000);
            string name = names[random.NextUInt64() % (ulong)names.Length];
            if (name.StartsWith("emitter-", StringComparison.Ordinal))
            {
                name += ":" + (random.NextUInt64() % 8);
            }

            plan.Add((at, until, SimulatedFault.Parse(name)));
            cursor = until + 1;
        }

        return plan;
    }
}
