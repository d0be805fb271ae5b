using ChamberFirmware.Core.Control;

namespace ChamberCtl.Hil;

/// <summary>
/// The controller's answer to a console action. <see cref="Answered"/> is false when no response
/// came (link down, controller halted); heartbeat on/off is local to the console and always answers Ok.
/// </summary>
internal readonly record struct HilConsoleResult(bool Answered, CommandResult Result)
{
    public static HilConsoleResult NoAnswer => new(false, CommandResult.Ok);

    public static HilConsoleResult Of(CommandResult result) => new(true, result);

    public override string ToString() => Answered ? Result.ToString() : "no answer";
}
