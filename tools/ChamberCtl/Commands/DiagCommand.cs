using System;
using System.CommandLine;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.DiagnosticsBridge;

namespace ChamberCtl.Commands;

/// <summary>
/// <c>chamberctl diag</c>: decode captured BLE diagnostics payloads, or read everything from a
/// running simulator's diagnostics bridge. Uses the portable decoders (docs/ble-gatt.md).
/// </summary>
internal static class DiagCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var target = new Option<string?>("--target") { Description = "Bridge to read: ws://127.0.0.1:PORT/diag or the page's http://127.0.0.1:PORT/ URL" };
        var json = new Option<bool>("--json") { Description = "Print the decoded values as JSON (the form of docs/ble-gatt.md)" };
        var command = new Command("diag", "Field diagnostics: read a running simulator's bridge (--target) or decode captured payloads (decode).");
        command.Options.Add(target);
        command.Options.Add(json);
        command.Subcommands.Add(CreateDecode());
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var address = parse.GetValue(target);
            if (string.IsNullOrWhiteSpace(address))
            {
                error.WriteLine("diag: give --target ws://127.0.0.1:PORT/diag (a running bridge) or use 'chamberctl diag decode <hex-or-file>'");
                return 2;
            }

            try
            {
                var uri = DiagnosticsBridgeClient.WebSocketAddress(address);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                var client = new DiagnosticsBridgeClient();
                JsonObject all;
                try
                {
                    client.ConnectAsync(uri, timeout.Token).GetAwaiter().GetResult();
                    all = client.ReadAllAsync(timeout.Token).GetAwaiter().GetResult();
                }
                finally
                {
                    client.DisposeAsync().AsTask().GetAwaiter().GetResult();
                }

                if (parse.GetValue(json))
                {
                    output.WriteLine(all.ToJsonString(Indented));
                    return 0;
                }

                output.WriteLine("Chamber diagnostics from " + uri);
                foreach (var kind in new[] { "identity", "status", "counters", "telemetry" })
                {
                    output.WriteLine();
                    output.WriteLine("== " + kind);
                    output.Write(DiagnosticsTextReport.Render(kind, all[kind]!.AsObject()));
                }

                output.WriteLine();
                output.WriteLine("== event log (newest first)");
                output.Write(DiagnosticsTextReport.Events(all["events"]!.AsArray()));
                return 0;
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or System.Net.WebSockets.WebSocketException or OperationCanceledException or UriFormatException)
            {
                error.WriteLine($"diag: could not read {address}: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Command CreateDecode()
    {
        var input = new Argument<string>("payload") { Description = "Hex text (e.g. 0104...) or a file: .hex text or raw binary" };
        var kind = new Option<string>("--kind") { Description = "status | counters | events | telemetry | identity (default: guessed from the bytes)", DefaultValueFactory = _ => "auto" };
        var json = new Option<bool>("--json") { Description = "Print the decoded values as JSON" };
        var command = new Command("decode", "Decode a captured diagnostics payload into readable text or JSON.");
        command.Arguments.Add(input);
        command.Options.Add(kind);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var text = parse.GetValue(input)!;
            try
            {
                var bytes = Load(text);
                var chosen = parse.GetValue(kind) ?? "auto";
                if (chosen == "auto")
                {
                    chosen = Guess(bytes) ?? throw new FormatException(
                        $"cannot tell the payload kind of {bytes.Length} bytes: give --kind status|counters|events|telemetry|identity");
                }

                var decoded = DiagnosticsJson.Decode(chosen, bytes);
                if (parse.GetValue(json))
                {
                    output.WriteLine(new JsonObject { ["kind"] = chosen, ["decoded"] = decoded }.ToJsonString(Indented));
                }
                else
                {
                    output.WriteLine($"{chosen} payload, {bytes.Length} bytes, format version {bytes[0]}");
                    output.Write(DiagnosticsTextReport.Render(chosen, decoded));
                }

                return 0;
            }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine("diag decode: " + e.Message);
                return 1;
            }
        });
        return command;
    }

    private static byte[] Load(string text)
    {
        if (File.Exists(text))
        {
            var raw = File.ReadAllBytes(text);
            var asText = System.Text.Encoding.ASCII.GetString(raw);
            try
            {
                return DiagnosticsJson.ParseHex(asText);
            }
            catch (FormatException)
            {
                return raw;
            }
        }

        return DiagnosticsJson.ParseHex(text);
    }

    /// <summary>The kind whose decoder accepts the bytes, if exactly one does.</summary>
    internal static string? Guess(byte[] bytes)
    {
        string? found = null;
        foreach (var candidate in DiagnosticsJson.Kinds)
        {
            if (DiagnosticsJson.TryDecode(candidate, bytes, out _) == PayloadDecodeResult.Ok)
            {
                if (found is not null)
                {
                    return null;
                }

                found = candidate;
            }
        }

        return found;
    }
}
