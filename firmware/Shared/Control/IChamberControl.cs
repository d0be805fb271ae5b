using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;

namespace ChamberFirmware.Core.Control
{
    /// <summary>
    /// What the authenticated console link may ask of the chamber. The link layer calls this only
    /// for frames that passed authentication, sequence and session checks; every method returns a
    /// result code and never throws. Implemented by the treatment controller, which routes every
    /// emitter request through the safety supervisor.
    /// </summary>
    public interface IChamberControl
    {
        /// <summary>A valid authenticated heartbeat from the bound console arrived.</summary>
        void OnHeartbeat(long nowMicroseconds);

        /// <summary>The transport dropped (BLE disconnect, TCP close): counts as link loss at once.</summary>
        void OnLinkDown(long nowMicroseconds);

        CommandResult Arm(TreatmentProfile profile, long nowMicroseconds, out ProfileField rejectedField);

        CommandResult Start(long nowMicroseconds);

        CommandResult Stop(long nowMicroseconds);

        /// <summary>Authenticated clear of a latched SafeStop. Refused while any condition holds.</summary>
        CommandResult ClearFault(long nowMicroseconds, out CutReasons stillPresent);

        CommandResult ApplySettings(ChamberSettings settings, out SettingsField rejectedField);

        /// <summary>Copies the current status into a caller-owned object (no allocation).</summary>
        void FillStatus(ChamberStatus status);
    }
}
