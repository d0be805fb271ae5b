using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;

namespace ChamberFirmware.Simulation.Engine;

/// <summary>
/// One observation of the simulated chamber: ground truth (true count, emitters truly powered,
/// bank, true temperature) next to what the firmware reports (state, measured count, limits, link
/// age, cut reasons). What the HIL adapter returns from AdvanceMilliseconds.
/// </summary>
public readonly record struct TraceSample(
    long AtMilliseconds,
    long TrueCount,
    int MeasuredCount,
    int CountLimit,
    int TargetCount,
    int GrowthPermillePerSecond,
    int PoweredEmitterMask,
    int CommandedEmitterMask,
    bool BankPowered,
    int LinkAgeMilliseconds,
    int TrueTemperatureCentiCelsius,
    int TemperatureCentiCelsius,
    ChamberState State,
    CutReasons LatchedReasons,
    CutReasons LastCutReasons);
