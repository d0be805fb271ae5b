using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;

namespace ChamberFirmware.Core.Tests.Safety;

/// <summary>
/// What the link layer sees of the chamber in the model conformance test: heartbeats and link
/// drops go to the real supervisor, the state is Active while the rig plays an Active treatment.
/// Commands are not sent over the link in the model (the rig calls the supervisor directly).
/// </summary>
internal sealed class ModelChamberControl : IChamberControl
{
    private readonly SafetySupervisor _supervisor;

    public ModelChamberControl(SafetySupervisor supervisor)
    {
        _supervisor = supervisor;
    }

    public bool Active { get; set; }

    public void OnHeartbeat(long nowMicroseconds) => _supervisor.OnHeartbeat(nowMicroseconds);

    public void OnLinkDown(long nowMicroseconds) => _supervisor.OnLinkDown(nowMicroseconds);

    public CommandResult Arm(TreatmentProfile profile, long nowMicroseconds, out ProfileField rejectedField)
    {
        rejectedField = ProfileField.None;
        return CommandResult.InvalidState;
    }

    public CommandResult Start(long nowMicroseconds) => CommandResult.InvalidState;

    public CommandResult Stop(long nowMicroseconds) => CommandResult.InvalidState;

    public CommandResult ClearFault(long nowMicroseconds, out CutReasons stillPresent)
    {
        stillPresent = CutReasons.None;
        return CommandResult.InvalidState;
    }

    public CommandResult ApplySettings(ChamberSettings settings, out SettingsField rejectedField)
    {
        rejectedField = SettingsField.None;
        return CommandResult.InvalidState;
    }

    public void FillStatus(ChamberStatus status)
    {
        _supervisor.FillStatus(status);
        status.State = Active ? ChamberState.Active : _supervisor.Mode == SupervisorMode.SafeStop ? ChamberState.SafeStop : ChamberState.Idle;
    }
}
