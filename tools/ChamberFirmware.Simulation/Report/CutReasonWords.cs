using System;
using System.Collections.Generic;
using ChamberFirmware.Core.Safety;

namespace ChamberFirmware.Simulation.Report;

/// <summary>Cut reasons as a clinician or field engineer would say them.</summary>
public static class CutReasonWords
{
    public static string Describe(CutReasons reasons)
    {
        if (reasons == CutReasons.None)
        {
            return "none";
        }

        var words = new List<string>();
        foreach (CutReasons flag in Enum.GetValues<CutReasons>())
        {
            if (flag != CutReasons.None && (reasons & flag) == flag)
            {
                words.Add(Word(flag));
            }
        }

        return string.Join("; ", words);
    }

    public static string Names(CutReasons reasons) => reasons == CutReasons.None ? "None" : reasons.ToString().Replace(", ", "|", StringComparison.Ordinal);

    private static string Word(CutReasons flag) => flag switch
    {
        CutReasons.Overcount => "nanobot count reached the limit",
        CutReasons.RunawayGrowth => "runaway replication (count growing too fast)",
        CutReasons.SensorFault => "a sensor stopped giving valid readings",
        CutReasons.LinkLost => "lost the treatment console link",
        CutReasons.EmitterMismatch => "an emitter did not do what it was told",
        CutReasons.OverTemperature => "chamber too hot",
        CutReasons.SupervisorOverrun => "the safety check ran late",
        CutReasons.WatchdogChannel => "a firmware loop stopped checking in",
        CutReasons.SelfTestFailed => "the cut-path self-test failed",
        CutReasons.ConfigurationInvalid => "stored configuration missing or corrupt",
        _ => flag.ToString(),
    };
}
