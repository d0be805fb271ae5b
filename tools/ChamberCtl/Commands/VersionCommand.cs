using System.CommandLine;
using System.IO;
using ChamberFirmware.Core;

namespace ChamberCtl.Commands;

/// <summary><c>chamberctl version</c> (and <c>chamberctl --version</c>): the firmware core version this tool was built with.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the firmware core version this tool speaks for.");
        command.SetAction(parse => Write(parse.InvocationConfiguration.Output));
        return command;
    }

    public static int Write(TextWriter output)
    {
        output.WriteLine("chamberctl " + CoreInfo.VersionText);
        return 0;
    }
}
