using System.CommandLine;
using System.IO;
using ChamberCtl;

namespace ChamberFirmware.Tools.Tests;

/// <summary>Runs chamberctl in-process and keeps what it printed.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public string All => Output + Error;

    public static CliRun Of(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = ChamberCtlApp.Run(args, output, error);
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    /// <summary>One command built with its seams injected (e.g. BLE options for the stand-in BlueZ), run in-process.</summary>
    public static CliRun Of(Command command, params string[] args)
    {
        var root = new RootCommand { command };
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(exit, output.ToString(), error.ToString());
    }
}
