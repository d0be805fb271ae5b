using System.CommandLine;
using System.CommandLine.Invocation;
using System.IO;
using System.Linq;
using ChamberCtl.Commands;

namespace ChamberCtl;

/// <summary>The command tree, with its output streams injected so tests run it in-process.</summary>
internal static class ChamberCtlApp
{
    /// <summary>Exit code of every command-line usage error (unknown command or option, a value that does not parse, a missing argument).</summary>
    public const int UsageError = 2;

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("chamberctl: simulator, treatment console, diagnostics, HIL, release, flashing and provisioning for the nanobot treatment chamber controller.");
        foreach (var command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }

        // --version prints exactly what 'chamberctl version' prints (not the assembly's informational version).
        if (root.Options.OfType<VersionOption>().FirstOrDefault() is { } version)
        {
            version.Action = new WriteVersionAction();
        }

        return root;
    }

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        var parse = BuildRoot().Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
        {
            return ReportUsageError(parse, error);
        }

        return parse.Invoke(configuration);
    }

    /// <summary>One line naming the first problem and one hint, exit 2 — never the whole help text (commands that report their own parse errors opt out with ClearsParseErrors).</summary>
    private static int ReportUsageError(ParseResult parse, TextWriter error)
    {
        var path = CommandPath(parse.CommandResult);
        // "Unrecognized command or argument 'bogus'" says more than the "Required command was not provided" that comes with it.
        var first = parse.Errors.FirstOrDefault(e => !e.Message.StartsWith("Required command", System.StringComparison.Ordinal)) ?? parse.Errors[0];
        error.WriteLine(path + ": " + Plain(first.Message));
        error.WriteLine("  hint: " + path + " --help lists the commands and options");
        return UsageError;
    }

    /// <summary>The parser names .NET types ("expected type 'System.Int32'"); a user knows numbers and words.</summary>
    private static string Plain(string message) => message
        .Replace("'System.Int32'", "'whole number'", System.StringComparison.Ordinal)
        .Replace("'System.Nullable`1[System.Int32]'", "'whole number'", System.StringComparison.Ordinal)
        .Replace("'System.Boolean'", "'true or false'", System.StringComparison.Ordinal);

    private static string CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new System.Collections.Generic.List<string>();
        for (System.CommandLine.Parsing.SymbolResult? at = result; at is not null; at = at.Parent)
        {
            if (at is System.CommandLine.Parsing.CommandResult command)
            {
                names.Insert(0, command.Command is RootCommand ? "chamberctl" : command.Command.Name);
            }
        }

        return string.Join(' ', names);
    }

    private sealed class WriteVersionAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult) => VersionCommand.Write(parseResult.InvocationConfiguration.Output);
    }
}
