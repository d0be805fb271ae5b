using System;
using System.CommandLine;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using ChamberCtl.Ble;
using ChamberCtl.Provisioning;
using ChamberFirmware.ConsoleLink.Ble;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.DiagnosticsBridge;

namespace ChamberCtl.Commands;

/// <summary>
/// <c>chamberctl diag</c>: read everything from a chamber over BLE (BlueZ) or from a running
/// simulator's diagnostics bridge, or decode captured BLE diagnostics payloads. Uses the portable decoders (docs/ble-gatt.md).
/// </summary>
internal static class DiagCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>How long a --target may take to answer the WebSocket handshake: a port that speaks something else fails fast.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Budget for reading every characteristic once connected.</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    public static Command Create() => Create(BleOptions.SystemBus, TimeProvider.System);

    /// <summary>The command with its clock injected (tests advance a fake clock past <see cref="ConnectTimeout"/>).</summary>
    public static Command Create(TimeProvider clock) => Create(BleOptions.SystemBus, clock);

    /// <summary>The command with the BLE options injected (tests: the stand-in BlueZ's private bus).</summary>
    internal static Command Create(BleOptions ble) => Create(ble, TimeProvider.System);

    internal static Command Create(BleOptions ble, TimeProvider clock)
    {
        var target = new Option<string?>("--target") { Description = "What to read: a chamber over Bluetooth LE (ble:AA:BB:CC:DD:EE:FF, ble:name=NAME, ble:serial=SERIAL; BlueZ on Linux), or a bridge: ws://127.0.0.1:PORT/diag or the page's http://127.0.0.1:PORT/ URL" };
        var json = new Option<bool>("--json") { Description = "Print the decoded values as JSON (the form of docs/ble-gatt.md)" };
        var command = new Command("diag", "Field diagnostics: read a chamber over BLE or a running simulator's bridge (--target), or decode captured payloads (decode).");
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
                error.WriteLine("diag: give --target ble:ADDRESS (a chamber over Bluetooth LE) or ws://127.0.0.1:PORT/diag (a running bridge), or use 'chamberctl diag decode <hex-or-file>'");
                return 2;
            }

            if (address.StartsWith(BleDeviceFilter.Prefix, StringComparison.OrdinalIgnoreCase))
            {
                return ReadOverBle(address, ble, parse.GetValue(json), output, error);
            }

            try
            {
                var uri = DiagnosticsBridgeClient.WebSocketAddress(address);
                var client = new DiagnosticsBridgeClient();
                JsonObject all;
                try
                {
                    if (Connect(client, uri, clock) is { } unreachable)
                    {
                        error.WriteLine($"diag: could not read {address}: {unreachable}");
                        return 1;
                    }

                    using var timeout = new CancellationTokenSource(ReadTimeout, clock);
                    all = client.ReadAllAsync(timeout.Token).GetAwaiter().GetResult();
                }
                finally
                {
                    client.DisposeAsync().AsTask().GetAwaiter().GetResult();
                }

                return Print(all, uri.ToString(), parse.GetValue(json), output);
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or System.Net.WebSockets.WebSocketException or OperationCanceledException or UriFormatException)
            {
                error.WriteLine($"diag: could not read {address}: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static int ReadOverBle(string address, BleOptions ble, bool json, TextWriter output, TextWriter error)
    {
        BleDeviceFilter filter;
        try
        {
            filter = BleDeviceFilter.Parse(address);
        }
        catch (FormatException e)
        {
            error.WriteLine("diag: " + e.Message);
            return 2;
        }

        try
        {
            using var timeout = new CancellationTokenSource(ble.ScanTimeout + TimeSpan.FromSeconds(30));
            JsonObject all;
            string from;
            var connection = BleLinkConnector.ConnectChamberAsync(filter, ble, timeout.Token).GetAwaiter().GetResult();
            try
            {
                from = filter + " (" + connection.Chamber.Name + ", " + connection.Chamber.Address + ")";
                all = DiagnosticsReadAll.ReadAllAsync(new BleDiagnosticsSource(connection), timeout.Token).GetAwaiter().GetResult();
            }
            finally
            {
                connection.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            return Print(all, from, json, output);
        }
        catch (BleFailure e)
        {
            error.WriteLine($"diag: could not read {address}: {e.Message}");
            if (e.NextStep.Length > 0)
            {
                error.WriteLine("  next: " + e.NextStep);
            }

            return 1;
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or OperationCanceledException)
        {
            error.WriteLine($"diag: could not read {address}: {e.Message}");
            return 1;
        }
    }

    private static int Print(JsonObject all, string from, bool json, TextWriter output)
    {
        if (json)
        {
            output.WriteLine(all.ToJsonString(Indented));
            return 0;
        }

        output.WriteLine("Chamber diagnostics from " + from);
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

    /// <summary>Connects within <see cref="ConnectTimeout"/>; null when connected, else what was (or was not) at the address.</summary>
    private static string? Connect(DiagnosticsBridgeClient client, Uri uri, TimeProvider clock)
    {
        var where = uri.Host + ":" + uri.Port;
        using var timeout = new CancellationTokenSource(ConnectTimeout, clock);
        try
        {
            client.ConnectAsync(uri, timeout.Token).GetAwaiter().GetResult();
            return null;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return $"{where} accepted a TCP connection but gave no WebSocket answer within {ConnectTimeout.TotalSeconds:0} s, so it is not a diagnostics bridge"
                + $" (the simulator's bridge and page are on port {SimCommand.DefaultDiagnosticsPort}; {SimCommand.DefaultLinkPort} is the console link)";
        }
        catch (System.Net.WebSockets.WebSocketException e) when (e.InnerException is System.Net.Http.HttpRequestException { InnerException: System.Net.Sockets.SocketException socket })
        {
            return socket.SocketErrorCode == System.Net.Sockets.SocketError.ConnectionRefused
                ? $"nothing is listening on {where} (connection refused); is the simulator running (chamberctl sim)?"
                : $"cannot reach {where}: {socket.Message}";
        }
        catch (System.Net.WebSockets.WebSocketException e)
        {
            return $"{where} answered, but not as a diagnostics bridge: {Innermost(e).Message}";
        }
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
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
            catch (FileNotFoundException e)
            {
                error.WriteLine("diag decode: " + e.Message);
                return 2;
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

        try
        {
            return DiagnosticsJson.ParseHex(text);
        }
        catch (FormatException) when (LooksLikeAPath(text))
        {
            throw new FileNotFoundException($"file {text} not found (give hex text such as 0104... or an existing .hex or binary file)", text);
        }
    }

    /// <summary>Not hex, and shaped like a file name: "missing.hex", "captures/status.bin".</summary>
    private static bool LooksLikeAPath(string text) =>
        text.Contains('.', StringComparison.Ordinal) || text.Contains('/', StringComparison.Ordinal) || text.Contains('\\', StringComparison.Ordinal);

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
