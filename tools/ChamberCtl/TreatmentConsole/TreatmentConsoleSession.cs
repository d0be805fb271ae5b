using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Client;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Simulation.Hosting;

namespace ChamberCtl.TreatmentConsole;

/// <summary>
/// One authenticated console session and the commands typed into it: status, arm, start, stop,
/// clear, watch, pause-heartbeat / resume-heartbeat, help, quit. Heartbeats go out at the given
/// period (a timer on the injected clock) from the moment the session opens until they are paused
/// or the session ends; pausing them is how to show a link-loss cut. Closing the session closes
/// the link, which the device treats as link loss at once (an active treatment cuts).
/// </summary>
internal sealed class TreatmentConsoleSession : IAsyncDisposable
{
    private readonly ConsoleLinkClient _client;
    private readonly TimeProvider _time;
    private readonly TimeSpan _heartbeatPeriod;
    private readonly TimeSpan _commandTimeout;
    private readonly TextWriter _output;
    private readonly RootCommand _verbs;
    private CancellationTokenSource? _heartbeatStop;
    private Task? _heartbeats;
    private bool _quit;
    private bool _failed;

    public TreatmentConsoleSession(ConsoleLinkClient client, TimeProvider time, TimeSpan heartbeatPeriod, TimeSpan commandTimeout, TextWriter output)
    {
        _client = client;
        _time = time;
        _heartbeatPeriod = heartbeatPeriod;
        _commandTimeout = commandTimeout;
        _output = output;
        _verbs = BuildVerbs();
    }

    public bool IsHeartbeating => _heartbeats is { IsCompleted: false };

    /// <summary>The words of the session's commands (help, README, docs/simulator.md).</summary>
    public static string Help =>
        """
          status                      the chamber's state, why it last cut, count, emitters, link age
          arm [--profile FILE] [--target-count N] [--count-limit N] [--growth-limit PERMILLE_PER_S]
              [--duration 20s] [--ramp CHANNELS_PER_S] [--max-channels N]
                                      arm with a profile (default: the simulator scenarios' standard one)
          start                       start the armed treatment
          stop                        stop the treatment (ends the session cleanly)
          clear                       clear a latched SafeStop (refused while its cause is still present)
          watch [--for 10s] [--every 500ms]   live status lines
          pause-heartbeat             stop heartbeating: the chamber cuts for LinkLost after its link timeout
          resume-heartbeat            heartbeat again
          help                        this list
          quit                        close the session (closing the link while Active cuts for LinkLost)
        """;

    public void StartHeartbeats()
    {
        if (IsHeartbeating)
        {
            return;
        }

        var stop = new CancellationTokenSource();
        _heartbeatStop = stop;
        // The timer starts now (not when the task first runs), so the period counts from this call.
        var ticker = new PeriodicLinkTicker(_heartbeatPeriod, _time);
        _heartbeats = Task.Run(async () =>
        {
            using var owned = ticker;
            try
            {
                await _client.RunHeartbeatsAsync(ticker, stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is LinkProtocolException or IOException or ObjectDisposedException)
            {
                // The link closed: the next command reports it.
            }
        });
    }

    public async Task PauseHeartbeatsAsync()
    {
        if (_heartbeatStop is null || _heartbeats is null)
        {
            return;
        }

        await _heartbeatStop.CancelAsync().ConfigureAwait(false);
        await _heartbeats.ConfigureAwait(false);
        _heartbeatStop.Dispose();
        _heartbeatStop = null;
        _heartbeats = null;
    }

    /// <summary>Runs one typed line. Returns false when the session should end (quit, or the link closed).</summary>
    public async Task<CommandOutcome> ExecuteAsync(string line, CancellationToken cancellationToken)
    {
        _failed = false;
        if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
        {
            return CommandOutcome.Ok;
        }

        var parse = _verbs.Parse(line.Trim());
        if (parse.Errors.Count > 0)
        {
            _output.WriteLine("console: " + parse.Errors[0].Message + " (type help for the commands)");
            return CommandOutcome.Refused;
        }

        try
        {
            await parse.InvokeAsync(new InvocationConfiguration { Output = _output, Error = _output, EnableDefaultExceptionHandler = false }, cancellationToken).ConfigureAwait(false);
        }
        catch (LinkReplyTimeoutException)
        {
            // The client's own reply deadline (the same bound, on the same clock) may fire first.
            _output.WriteLine(FormattableString.Invariant($"console: the device did not answer within {_commandTimeout.TotalSeconds:0.#} s"));
            return CommandOutcome.LinkClosed;
        }
        catch (LinkProtocolException e)
        {
            _output.WriteLine("console: the link closed (" + e.Message + "); the chamber treats that as link loss");
            return CommandOutcome.LinkClosed;
        }
        catch (IOException e)
        {
            _output.WriteLine("console: the link failed: " + e.Message + "; the chamber treats that as link loss");
            return CommandOutcome.LinkClosed;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _output.WriteLine(FormattableString.Invariant($"console: the device did not answer within {_commandTimeout.TotalSeconds:0.#} s"));
            return CommandOutcome.LinkClosed;
        }

        if (_quit)
        {
            return CommandOutcome.Quit;
        }

        return _failed ? CommandOutcome.Refused : CommandOutcome.Ok;
    }

    public async ValueTask DisposeAsync()
    {
        await PauseHeartbeatsAsync().ConfigureAwait(false);
        await _client.DisposeAsync().ConfigureAwait(false);
    }

    private RootCommand BuildVerbs()
    {
        var root = new RootCommand("console session commands");

        var status = new Command("status", "The chamber's status");
        status.SetAction(async (_, token) =>
        {
            var reply = await WithTimeout(token, t => _client.GetStatusAsync(t)).ConfigureAwait(false);
            Report("status", reply.Reply);
            if (reply.Reply.IsOk)
            {
                _output.Write(ConsoleText.Full(reply.Status));
            }
        });

        var profileFile = new Option<string?>("--profile") { Description = "JSON file of TreatmentProfile fields (any subset)" };
        var targetCount = new Option<int?>("--target-count") { Description = "Nanobot count to hold" };
        var countLimit = new Option<int?>("--count-limit") { Description = "Count at which the supervisor cuts" };
        var growthLimit = new Option<int?>("--growth-limit") { Description = "Growth-rate limit, per-mille per second" };
        var duration = new Option<string?>("--duration") { Description = "Active phase length, e.g. 20s" };
        var ramp = new Option<int?>("--ramp") { Description = "Channels switched on per second at most" };
        var maxChannels = new Option<int?>("--max-channels") { Description = "Channels on at once at most" };
        var arm = new Command("arm", "Arm with a treatment profile") { profileFile, targetCount, countLimit, growthLimit, duration, ramp, maxChannels };
        arm.SetAction(async (parse, token) =>
        {
            TreatmentProfile profile = ProfileInput.Standard();
            try
            {
                if (parse.GetValue(profileFile) is { } file)
                {
                    ProfileInput.ApplyFile(profile, file);
                }

                profile.TargetCount = parse.GetValue(targetCount) ?? profile.TargetCount;
                profile.CountLimit = parse.GetValue(countLimit) ?? profile.CountLimit;
                profile.GrowthLimitPermillePerSecond = parse.GetValue(growthLimit) ?? profile.GrowthLimitPermillePerSecond;
                profile.RampChannelsPerSecond = parse.GetValue(ramp) ?? profile.RampChannelsPerSecond;
                profile.MaxActiveChannels = parse.GetValue(maxChannels) ?? profile.MaxActiveChannels;
                if (parse.GetValue(duration) is { } text)
                {
                    profile.DurationMilliseconds = (int)Math.Min(int.MaxValue, ParseDuration("--duration", text));
                }
            }
            catch (FormatException e)
            {
                _output.WriteLine("arm: " + e.Message + "; nothing was sent");
                _failed = true;
                return;
            }

            _output.WriteLine("arm: " + ProfileInput.Describe(profile));
            Report("arm", await WithTimeout(token, t => _client.ArmAsync(profile, t)).ConfigureAwait(false));
        });

        var start = new Command("start", "Start the armed treatment");
        start.SetAction(async (_, token) => Report("start", await WithTimeout(token, t => _client.StartAsync(t)).ConfigureAwait(false)));
        var stop = new Command("stop", "Stop the treatment");
        stop.SetAction(async (_, token) => Report("stop", await WithTimeout(token, t => _client.StopAsync(t)).ConfigureAwait(false)));
        var clear = new Command("clear", "Clear a latched SafeStop");
        clear.SetAction(async (_, token) => Report("clear", await WithTimeout(token, t => _client.ClearFaultAsync(t)).ConfigureAwait(false)));

        var watchFor = new Option<string>("--for") { Description = "How long to watch", DefaultValueFactory = _ => "10s" };
        var watchEvery = new Option<string>("--every") { Description = "How often to read the status", DefaultValueFactory = _ => "500ms" };
        var watch = new Command("watch", "Live status lines") { watchFor, watchEvery };
        watch.SetAction(async (parse, token) =>
        {
            long forMs, everyMs;
            try
            {
                forMs = ParseDuration("--for", parse.GetValue(watchFor)!);
                everyMs = ParseDuration("--every", parse.GetValue(watchEvery)!);
            }
            catch (FormatException e)
            {
                _output.WriteLine("watch: " + e.Message);
                _failed = true;
                return;
            }

            long started = _time.GetTimestamp();
            while (true)
            {
                var reply = await WithTimeout(token, t => _client.GetStatusAsync(t)).ConfigureAwait(false);
                double elapsed = _time.GetElapsedTime(started).TotalSeconds;
                // The next read is scheduled before this line is printed, so it counts from this read.
                Task? next = elapsed * 1000 + everyMs > forMs ? null : Task.Delay(TimeSpan.FromMilliseconds(everyMs), _time, token);
                _output.WriteLine(reply.Reply.IsOk ? ConsoleText.Line(reply.Status, elapsed) : "watch: status " + ConsoleText.Reply(reply.Reply));
                if (next is null)
                {
                    break;
                }

                await next.ConfigureAwait(false);
            }
        });

        var pause = new Command("pause-heartbeat", "Stop heartbeating (shows a link-loss cut)");
        pause.SetAction(async _ =>
        {
            await PauseHeartbeatsAsync().ConfigureAwait(false);
            _output.WriteLine($"heartbeats paused after {_client.HeartbeatsSent} sent: the chamber cuts for LinkLost once its link timeout passes (watch shows it)");
        });
        var resume = new Command("resume-heartbeat", "Heartbeat again");
        resume.SetAction(_ =>
        {
            StartHeartbeats();
            _output.WriteLine(FormattableString.Invariant($"heartbeats resumed, every {_heartbeatPeriod.TotalMilliseconds:0} ms"));
        });
        var help = new Command("help", "The commands");
        help.SetAction(_ => _output.Write(Help));
        var quit = new Command("quit", "Close the session");
        quit.Aliases.Add("exit");
        quit.SetAction(_ => _quit = true);

        foreach (var verb in new[] { status, arm, start, stop, clear, watch, pause, resume, help, quit })
        {
            root.Subcommands.Add(verb);
        }

        return root;
    }

    private static long ParseDuration(string option, string text)
    {
        try
        {
            return DurationText.ParseMilliseconds(text);
        }
        catch (FormatException)
        {
            throw new FormatException(option + " '" + text + "': give a positive whole number with a unit, e.g. 500ms, 30s, 5m");
        }
    }

    private void Report(string what, CommandReply reply)
    {
        _output.WriteLine(what + ": " + ConsoleText.Reply(reply));
        _failed |= !reply.IsOk;
    }

    private async Task<T> WithTimeout<T>(CancellationToken token, Func<CancellationToken, Task<T>> call)
    {
        using var timeout = new CancellationTokenSource(_commandTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, timeout.Token);
        return await call(linked.Token).ConfigureAwait(false);
    }
}
