using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Link;

namespace ChamberFirmware.Simulation.Console;

/// <summary>
/// What the device did with one frame from the in-process console: answered (with a result and
/// detail), or rejected it without an answer (with the link server's reason).
/// </summary>
public readonly record struct ConsoleReply(bool Answered, CommandResult Result, int Detail, LinkRejectReason Rejected)
{
    public bool IsOk => Answered && Result == CommandResult.Ok;

    public static ConsoleReply NoAnswer(LinkRejectReason reason) => new(false, CommandResult.Malformed, 0, reason);

    public override string ToString() => Answered ? $"{Result} (detail {Detail})" : $"rejected: {Rejected}";
}
