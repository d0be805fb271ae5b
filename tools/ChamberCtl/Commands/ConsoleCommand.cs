using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ChamberCtl.Provisioning;
using ChamberCtl.TreatmentConsole;
using ChamberFirmware.ConsoleLink.Client;
using ChamberFirmware.Simulation.Hosting;

using ChamberFirmware.ConsoleLink.Ble;

namespace ChamberCtl.Commands;

/// <summary>
/// <c>chamberctl console</c>: the reference treatment console over the authenticated link. Opens a
/// session with the device's link key, heartbeats at <c>--heartbeat-ms</c> while it runs, and takes
/// commands from stdin (or <c>--commands "a; b; c"</c>): status, arm, start, stop, clear, watch,
/// pause-heartbeat / resume-heartbeat. docs/simulator.md, "Driving a session".
/// </summary>
internal static class ConsoleCommand
{
    private const string DefaultTarget = "tcp:127.0.0.1:47100";

    public static Command Create() => Create(target => target.Connector(BleOptions.SystemBus), TimeProvider.System, () => System.Console.In, () => !System.Console.IsInputRedirected);

    /// <summary>The command with its seams injected (tests: a clock they move, input lines they feed).</summary>
    internal static Command Create(Func<LinkTarget, ILinkConnector> connect, TimeProvider time, Func<TextReader> input, Func<bool> interactive)
    {
        var target = new Option<string>("--target") { Description = "Device link: ble:AA:BB:CC:DD:EE:FF, ble:name=NAME or ble:serial=SERIAL (a board over Bluetooth LE, BlueZ on Linux), or tcp:127.0.0.1:PORT (default: the simulator's " + DefaultTarget + ")", DefaultValueFactory = _ => DefaultTarget };
        var keyFile = new Option<string?>("--key-file") { Description = "The device's link key file (default: the simulator's development key, " + DevelopmentKey.DefaultPath + ")" };
        var heartbeatMs = new Option<int>("--heartbeat-ms") { Description = "Heartbeat period while the session runs", DefaultValueFactory = _ => (int)PeriodicLinkTicker.DefaultHeartbeatPeriod.TotalMilliseconds };
        var commands = new Option<string?>("--commands", "-c") { Description = "Run these commands (separated by ';') and quit, e.g. \"arm; start; watch --for 5s; pause-heartbeat; watch --for 2s\"" };
        var timeoutSeconds = new Option<int>("--timeout-seconds") { Description = "Give up on an unanswered command after this long", DefaultValueFactory = _ => 5 };
        var command = new Command("console", "Drive a treatment session over the authenticated link (status, arm, start, stop, clear, watch, pause-heartbeat): the reference treatment console.")
        {
            target, keyFile, heartbeatMs, commands, timeoutSeconds,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            LinkTarget linkTarget;
            byte[] key;
            string keyPath = parse.GetValue(keyFile) ?? DevelopmentKey.DefaultPath;
            int period = parse.GetValue(heartbeatMs);
            if (period is < 1 or > 10_000)
            {
                return Usage(error, "--heartbeat-ms " + period + " is outside 1..10000", "the device's link timeout is 250 ms by default: keep the period well under it (default 50)");
            }

            try
            {
                linkTarget = LinkTarget.Parse(parse.GetValue(target));
            }
            catch (ProvisioningFailure failure)
            {
                return Usage(error, failure.Message, "run chamberctl console --help for the options");
            }

            try
            {
                key = LinkKeyFile.Read(keyPath, "--key-file");
            }
            catch (ProvisioningFailure failure)
            {
                return Usage(error, failure.Message, "give the device's link key file: the simulator prints its path at start; a provisioned board's is its --key-out file");
            }

            var timeout = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(timeoutSeconds)));
            ConsoleLinkClient client;
            try
            {
                // Reaching the chamber is bounded by the transport (TCP connect; BLE: the scan time, then BlueZ's
                // connect and pairing within BleOptions.ConnectTimeout); --timeout-seconds bounds the handshake.
                var transport = await connect(linkTarget).ConnectAsync(cancellationToken).ConfigureAwait(false);
                using var connectTimeout = new CancellationTokenSource(timeout, time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connectTimeout.Token);
                client = new ConsoleLinkClient(transport, key, time: time, replyTimeout: timeout);
                try
                {
                    var opened = await client.ConnectAsync(linked.Token).ConfigureAwait(false);
                    var info = await client.GetIdentityAsync(linked.Token).ConfigureAwait(false);
                    string who = info.Info is { } i && i.SerialNumber.Length > 0 ? i.SerialNumber + " (hardware " + i.HardwareRevision + ", firmware " + i.FirmwareVersion + ")" : "an unnamed device";
                    output.WriteLine("console: session open with " + who + " at " + linkTarget.Text + "; state " + opened.Status.State);
                    int linkTimeout = info.Info?.Settings.LinkTimeoutMilliseconds ?? 0;
                    output.WriteLine($"console: heartbeat every {period} ms" + (linkTimeout > 0 ? $" (the device cuts after {linkTimeout} ms without one)" : string.Empty));
                    if (linkTimeout > 0 && period * 2 > linkTimeout)
                    {
                        error.WriteLine($"console: warning: a heartbeat every {period} ms is too slow for the device's {linkTimeout} ms link timeout; expect LinkLost cuts");
                    }
                }
                catch
                {
                    await client.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            }
            catch (LinkReplyTimeoutException)
            {
                // The client's reply deadline runs on the same clock and bound as connectTimeout: either may fire first.
                error.WriteLine($"console: {linkTarget.Text} did not answer the session handshake within {timeout.TotalSeconds:0} s");
                return ProvisioningExitCodes.Failed;
            }
            catch (LinkProtocolException e)
            {
                error.WriteLine("console: " + ConsoleText.SessionRefusal(linkTarget.Text, keyPath, e));
                return ProvisioningExitCodes.Failed;
            }
            catch (BleFailure e)
            {
                // A Bluetooth step failed: its own reason and next step (adapter, permission, pairing, range), not the simulator's hint.
                error.WriteLine("console: cannot reach " + linkTarget.Text + ": " + e.Message);
                if (e.NextStep.Length > 0)
                {
                    error.WriteLine("  next: " + e.NextStep);
                }

                return ProvisioningExitCodes.Failed;
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException)
            {
                error.WriteLine("console: cannot reach " + linkTarget.Text + ": " + e.Message);
                error.WriteLine("  hint: is the simulator running (chamberctl sim)? it prints its link address");
                return ProvisioningExitCodes.Failed;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                error.WriteLine($"console: {linkTarget.Text} did not answer the session handshake within {timeout.TotalSeconds:0} s");
                return ProvisioningExitCodes.Failed;
            }

            await using var session = new TreatmentConsoleSession(client, time, TimeSpan.FromMilliseconds(period), timeout, output);
            session.StartHeartbeats();
            return await RunAsync(session, parse.GetValue(commands), input(), interactive(), output, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static int Usage(TextWriter error, string message, string hint)
    {
        error.WriteLine("console: " + message);
        error.WriteLine("  hint: " + hint);
        return ProvisioningExitCodes.Usage;
    }

    private static async Task<int> RunAsync(TreatmentConsoleSession session, string? script, TextReader input, bool interactive, TextWriter output, CancellationToken cancellationToken)
    {
        try
        {
            if (script is not null)
            {
                foreach (string line in script.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    output.WriteLine("> " + line);
                    var outcome = await session.ExecuteAsync(line, cancellationToken).ConfigureAwait(false);
                    if (outcome == CommandOutcome.Quit)
                    {
                        break;
                    }

                    if (outcome != CommandOutcome.Ok)
                    {
                        output.WriteLine("console: stopped at '" + line + "'");
                        return ProvisioningExitCodes.Failed;
                    }
                }

                return ProvisioningExitCodes.Ok;
            }

            output.WriteLine("console: type help for the commands, quit to close the session");
            while (true)
            {
                if (interactive)
                {
                    output.Write("chamber> ");
                    output.Flush();
                }

                string? line = await input.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                if (line is null)
                {
                    return ProvisioningExitCodes.Ok;
                }

                var outcome = await session.ExecuteAsync(line, cancellationToken).ConfigureAwait(false);
                if (outcome == CommandOutcome.Quit)
                {
                    return ProvisioningExitCodes.Ok;
                }

                if (outcome == CommandOutcome.LinkClosed)
                {
                    return ProvisioningExitCodes.Failed;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.WriteLine("console: interrupted; closing the session");
            return ProvisioningExitCodes.Failed;
        }
        finally
        {
            output.WriteLine("console: session closed (the device treats a closed link as link loss)");
        }
    }
}
