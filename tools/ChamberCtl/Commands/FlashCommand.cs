using System;
using System.CommandLine;
using System.IO;
using ChamberCtl.Flashing;
using Spectre.Console;

namespace ChamberCtl.Commands;

/// <summary>
/// <c>chamberctl flash --bundle B --port P</c>: verify a signed release bundle, then flash the
/// pinned nanoCLR and the application with nanoff, then confirm what the board runs. docs/flashing.md.
/// </summary>
internal static class FlashCommand
{
    public static Command Create()
    {
        var bundle = new Option<string>("--bundle") { Description = "Release bundle folder or .zip." };
        var port = new Option<string>("--port") { Description = "Serial port of the board (e.g. /dev/ttyUSB0, COM5; list with: nanoff --listports)." };
        var nanoff = new Option<string?>("--nanoff") { Description = "Path to the nanoff executable (default: PATH, then ~/.dotnet/tools)." };
        var records = new Option<string>("--record-dir") { Description = "Folder for the flash record.", DefaultValueFactory = _ => "flash-records" };
        var trustedKey = ReleaseCommand.TrustedKeyOption();

        var command = new Command("flash", "Verify a signed release bundle and flash it to a controller board with nanoff.");
        command.Options.Add(bundle);
        command.Options.Add(port);
        command.Options.Add(nanoff);
        command.Options.Add(records);
        command.Options.Add(trustedKey);
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (string.IsNullOrWhiteSpace(parse.GetValue(bundle)) || string.IsNullOrWhiteSpace(parse.GetValue(port)))
            {
                error.WriteLine("flash: --bundle and --port are required (list ports with: nanoff --listports)");
                return 2;
            }

            var request = new FlashRequest(
                parse.GetValue(bundle)!,
                parse.GetValue(port)!,
                parse.GetValue(nanoff),
                parse.GetValue(trustedKey) ?? Array.Empty<string>(),
                parse.GetValue(records)!,
                Environment.GetEnvironmentVariable("PATH"),
                Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
            var session = new FlashSession(new ProcessRunner(), TimeProvider.System, CreateConsole(parse.InvocationConfiguration.Output), error);
            return session.Run(request).Succeeded ? 0 : 1;
        });
        return command;
    }

    /// <summary>The real terminal gets colours and a live progress bar; redirected output (tests, logs) gets plain lines.</summary>
    internal static IAnsiConsole CreateConsole(TextWriter output)
    {
        if (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected)
        {
            return AnsiConsole.Console;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });

        // Logs and records: keep each message on one line.
        console.Profile.Width = 240;
        return console;
    }
}
