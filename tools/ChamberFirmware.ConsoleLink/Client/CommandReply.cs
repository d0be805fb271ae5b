using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;

namespace ChamberFirmware.ConsoleLink.Client;

/// <summary>
/// The device's answer to one command: its CommandResult and the detail field, read as the
/// command defines it (ProfileField for Arm, SettingsField for settings, CutReasons for ClearFault).
/// </summary>
public sealed record CommandReply(LinkMessageType Request, CommandResult Result, int Detail)
{
    public bool IsOk => Result == CommandResult.Ok;

    public ProfileField RejectedProfileField => (ProfileField)Detail;

    public SettingsField RejectedSettingsField => (SettingsField)Detail;

    public CutReasons StillPresent => (CutReasons)Detail;
}
