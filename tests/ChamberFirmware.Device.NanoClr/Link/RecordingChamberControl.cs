using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;

namespace ChamberFirmware.Device.NanoClr.Link
{
    /// <summary>Counts what the link asked of the chamber and answers Ok (host: FakeChamberControl, trimmed to what the device tests read).</summary>
    public sealed class RecordingChamberControl : IChamberControl
    {
        public ChamberState State = ChamberState.Idle;
        public int HeartbeatCount;
        public long LastHeartbeatMicroseconds;
        public int LinkDownCount;
        public int ArmCount;
        public int StartCount;
        public int StopCount;
        public int ClearCount;
        public int ApplySettingsCount;
        public TreatmentProfile LastProfile;

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
            rejectedField = ProfileField.None;
            return CommandResult.Ok;
        }

        public CommandResult Start(long nowMicroseconds)
        {
            StartCount++;
            return CommandResult.Ok;
        }

        public CommandResult Stop(long nowMicroseconds)
        {
            StopCount++;
            return CommandResult.Ok;
        }

        public CommandResult ClearFault(long nowMicroseconds, out CutReasons stillPresent)
        {
            ClearCount++;
            stillPresent = CutReasons.None;
            return CommandResult.Ok;
        }

        public CommandResult ApplySettings(ChamberSettings settings, out SettingsField rejectedField)
        {
            ApplySettingsCount++;
            rejectedField = SettingsField.None;
            return CommandResult.Ok;
        }

        public void FillStatus(ChamberStatus status)
        {
            status.State = State;
            status.Count = 12345;
            status.TemperatureCentiCelsius = 3712;
            status.ActiveEmitterMask = 0xA;
            status.Provisioned = true;
        }
    }
}
