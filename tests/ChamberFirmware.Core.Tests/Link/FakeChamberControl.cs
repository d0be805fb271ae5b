using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;

namespace ChamberFirmware.Core.Tests.Link;

/// <summary>Records what the link asked of the chamber; answers with configurable results.</summary>
public sealed class FakeChamberControl : IChamberControl
{
    public ChamberState State { get; set; } = ChamberState.Idle;
    public int HeartbeatCount { get; private set; }
    public long LastHeartbeatMicroseconds { get; private set; }
    public int LinkDownCount { get; private set; }
    public int ArmCount { get; private set; }
    public int StartCount { get; private set; }
    public int StopCount { get; private set; }
    public int ClearCount { get; private set; }
    public long LastClearMicroseconds { get; private set; }
    public int ApplySettingsCount { get; private set; }
    public TreatmentProfile? LastProfile { get; private set; }
    public ChamberSettings? LastSettings { get; private set; }
    public CommandResult NextResult { get; set; } = CommandResult.Ok;
    public ProfileField RejectedProfileField { get; set; }
    public SettingsField RejectedSettingsField { get; set; }
    public CutReasons StillPresent { get; set; }
    public int Count { get; set; } = 12345;

    /// <summary>Every call that can change actuation or configuration.</summary>
    public int ActuationCalls => ArmCount + StartCount + StopCount + ClearCount + ApplySettingsCount;

    public void OnHeartbeat(long nowMicroseconds)
    {
        HeartbeatCount++;
        LastHeartbeatMicroseconds = nowMicroseconds;
    }

    public void OnLinkDown(long nowMicroseconds) => LinkDownCount++;

    public CommandResult Arm(TreatmentProfile profile, long nowMicroseconds, out ProfileField rejectedField)
    {
        ArmCount++;
        LastProfile = profile;
        rejectedField = RejectedProfileField;
        return NextResult;
    }

    public CommandResult Start(long nowMicroseconds)
    {
        StartCount++;
        return NextResult;
    }

    public CommandResult Stop(long nowMicroseconds)
    {
        StopCount++;
        return NextResult;
    }

    public CommandResult ClearFault(long nowMicroseconds, out CutReasons stillPresent)
    {
        ClearCount++;
        LastClearMicroseconds = nowMicroseconds;
        stillPresent = StillPresent;
        return NextResult;
    }

    public CommandResult ApplySettings(ChamberSettings settings, out SettingsField rejectedField)
    {
        ApplySettingsCount++;
        LastSettings = settings;
        rejectedField = RejectedSettingsField;
        return NextResult;
    }

    public void FillStatus(ChamberStatus status)
    {
        status.State = State;
        status.Count = Count;
        status.LatchedReasons = State == ChamberState.SafeStop ? CutReasons.LinkLost : CutReasons.None;
        status.LastCutReasons = CutReasons.Overcount | CutReasons.LinkLost;
        status.UptimeMicroseconds = 0x1_2345_6789L;
        status.GrowthPermillePerSecond = -17;
        status.ActiveEmitterMask = 0b1010;
        status.LinkAgeMilliseconds = int.MaxValue;
        status.TemperatureCentiCelsius = 3712;
        status.CountLimit = 400000;
        status.TargetCount = 200000;
        status.RemainingMilliseconds = 61000;
        status.Provisioned = true;
    }
}
