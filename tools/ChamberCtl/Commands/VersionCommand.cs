using System.CommandLine;
using ChamberFirmware.Core;

namespace ChamberCtl.Commands;

/// <summary><c>chamberctl version</c>: the firmware core version this tool was built with.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the firmware core version this tool speaks for.");
        command.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.WriteLine("chamberctl " + CoreInfo.VersionText);
            return 0;
        });
        return command;
    }
}
