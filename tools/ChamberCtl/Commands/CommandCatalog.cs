using System.Collections.Generic;
using System.CommandLine;

namespace ChamberCtl.Commands;

/// <summary>Every top-level chamberctl command, one line each (one file per command).</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return VersionCommand.Create();
        yield return ReleaseCommand.Create();
        yield return FlashCommand.Create();
        yield return DiagCommand.Create();
        yield return HilCommand.Create();
        yield return ProvisionCommand.Create();
        yield return SimCommand.Create();
        yield return ConsoleCommand.Create();
        yield return BleCommand.Create();
    }
}
