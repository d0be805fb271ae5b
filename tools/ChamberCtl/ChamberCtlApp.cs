using System.CommandLine;
using System.IO;
using ChamberCtl.Commands;

namespace ChamberCtl;

/// <summary>The command tree, with its output streams injected so tests run it in-process.</summary>
internal static class ChamberCtlApp
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("chamberctl: simulator, treatment console, diagnostics, HIL, release, flashing and provisioning for the nanobot treatment chamber controller.");
        foreach (var command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return BuildRoot().Parse(args).Invoke(configuration);
    }
}
