using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using ChamberCtl.Hil;
using ChamberFirmware.Simulation.Dashboard;
using ChamberFirmware.Simulation.Engine;
using ChamberFirmware.Simulation.Fuzz;
using ChamberFirmware.Simulation.Hosting;
using ChamberFirmware.Simulation.Report;
using ChamberFirmware.Simulation.Scenarios;
using Spectre.Console;

namespace ChamberCtl.Commands;

/// <summary>
/// <c>chamberctl sim</c>: the firmware runtime on the simulated chamber — live in real time (or
/// faster) with the console link on TCP and the diagnostics bridge, a scripted scenario at full
/// speed, or a seeded fuzz campaign. docs/simulator.md.
/// </summary>
internal static class SimCommand
{
    public const int DefaultLinkPort = 47100;
    public const int DefaultDiagnosticsPort = 47101;

    public static Command Create()
    {
        var scenario = new Option<string?>("--scenario") { Description = "Run a scripted scenario at full speed with the built-in console (see --list-scenarios); with --live, in real time with the field page up" };
        var live = new Option<bool>("--live") { Description = "With --scenario: play it against the wall clock (times --speed) with the diagnostics bridge and field page on --diag-port; the page stays up after the script until Ctrl+C or --duration" };
        var list = new Option<bool>("--list-scenarios") { Description = "List the scenarios and their pass criteria" };
        var seed = new Option<int>("--seed") { Description = "The one seed everything derives from", DefaultValueFactory = _ => SimulationSetup.DefaultSeed };
        var json = new Option<bool>("--json") { Description = "Print one JSON object with the run's results at the end" };
        var speed = new Option<string>("--speed") { Description = "Virtual time against the wall clock: a factor (1 = real time) or 'max'", DefaultValueFactory = _ => "1" };
        var duration = new Option<string?>("--duration") { Description = "How long to run (virtual time): e.g. 30s, 5m; default: until Ctrl+C (60s for fuzz and --speed max)" };
        var linkPort = new Option<int>("--link-port") { Description = "TCP port of the console link on 127.0.0.1 (0 = any free port)", DefaultValueFactory = _ => DefaultLinkPort };
        var diagPort = new Option<int>("--diag-port") { Description = "Port of the diagnostics bridge and field page on 127.0.0.1 (0 = any free port)", DefaultValueFactory = _ => DefaultDiagnosticsPort };
        var keyFile = new Option<string?>("--key-file") { Description = "Where the development link key is written (hex, owner-only); reused if it exists" };
        var factoryFresh = new Option<bool>("--factory-fresh") { Description = "Start with no key and the provisioning jumper fitted (factory bench)" };
        var fuzz = new Option<bool>("--fuzz") { Description = "Random fault schedules and console behaviour per seed; the safety invariant is checked every tick" };
        var seeds = new Option<string>("--seeds") { Description = "Seed range for --fuzz: A..B", DefaultValueFactory = _ => "1..20" };
        var rigPort = new Option<int?>("--rig-port") { Description = "Serve the HIL rig protocol (docs/hil.md) on TCP 127.0.0.1:N (0 = any free port, printed) in virtual time driven by the runner: chamberctl hil run ... --target tcp:127.0.0.1:N" };
        var rigSessions = new Option<int?>("--rig-sessions") { Description = "With --rig-port: stop after this many runner sessions (default: until Ctrl+C)" };
        var fuzzFaults = new Option<string>("--fuzz-faults") { Description = "detectable (default) or all (adds the faults the supervisor cannot see)", DefaultValueFactory = _ => "detectable" };

        var command = new Command("sim", "Run the firmware on the simulated chamber: live dashboard, scenarios (--scenario), fuzzing (--fuzz).");
        foreach (var option in new Option[] { scenario, live, list, seed, json, speed, duration, linkPort, diagPort, keyFile, factoryFresh, fuzz, seeds, fuzzFaults, rigPort, rigSessions })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            try
            {
                if (parse.GetValue(list))
                {
                    return ListScenarios(output);
                }

                if (parse.GetValue(rigPort) is int port)
                {
                    return RunRig(port, parse.GetValue(rigSessions), output, error);
                }

                if (parse.GetValue(rigSessions) is not null)
                {
                    throw new FormatException("--rig-sessions needs --rig-port");
                }

                SimulationSpeed runSpeed = SimulationSpeed.Parse(parse.GetValue(speed) ?? "1");
                string? durationText = parse.GetValue(duration);
                long? runDuration = durationText is null ? null : DurationText.ParseMilliseconds(durationText);
                if (parse.GetValue(fuzz))
                {
                    var range = SeedRange.Parse(parse.GetValue(seeds) ?? "1..20");
                    var pool = (parse.GetValue(fuzzFaults) ?? "detectable").ToLowerInvariant() switch
                    {
                        "detectable" => FuzzFaultPool.Detectable,
                        "all" => FuzzFaultPool.All,
                        var other => throw new FormatException($"--fuzz-faults '{other}': give detectable or all"),
                    };
                    return RunFuzz(range, runDuration ?? 60_000, pool, parse.GetValue(json), output, error);
                }

                string? name = parse.GetValue(scenario);
                if (name is not null)
                {
                    var found = ScenarioCatalog.Find(name);
                    if (found is null)
                    {
                        error.WriteLine($"sim: unknown scenario '{name}'. Known: {string.Join(", ", ScenarioCatalog.All.Select(s => s.Name))} (chamberctl sim --list-scenarios)");
                        return 2;
                    }

                    if (parse.GetValue(live))
                    {
                        return RunScenarioLive(found, parse.GetValue(seed), runSpeed, runDuration, parse.GetValue(diagPort), parse.GetValue(json), output, error, TimeProvider.System, CancellationToken.None);
                    }

                    return RunScenario(found, parse.GetValue(seed), parse.GetValue(json), output, error);
                }

                if (parse.GetValue(live))
                {
                    throw new FormatException("--live needs --scenario NAME (chamberctl sim --list-scenarios)");
                }

                return RunLive(parse.GetValue(seed), runSpeed, runDuration, parse.GetValue(linkPort), parse.GetValue(diagPort),
                    parse.GetValue(keyFile), parse.GetValue(factoryFresh), parse.GetValue(json), output, error);
            }
            catch (FormatException e)
            {
                error.WriteLine("sim: " + e.Message);
                return 2;
            }
        });
        return command;
    }

    private static int ListScenarios(TextWriter output)
    {
        foreach (var s in ScenarioCatalog.All)
        {
            output.WriteLine($"{s.Name} — {s.Description}");
            foreach (var criterion in s.PassCriteria)
            {
                output.WriteLine($"    pass: {criterion}");
            }
        }

        return 0;
    }

    internal static int RunScenario(Scenario scenario, int seed, bool json, TextWriter output, TextWriter error)
    {
        long start = TimeProvider.System.GetTimestamp();
        SimulationReport report;
        try
        {
            report = ScenarioRunner.Run(scenario, seed);
        }
        catch (InvalidOperationException e)
        {
            error.WriteLine($"sim: scenario {scenario.Name} could not run its script: {e.Message}");
            return 1;
        }

        double wall = TimeProvider.System.GetElapsedTime(start).TotalSeconds;
        PrintReport(report, json, Throughput(report.Ticks, wall), output, error);
        return report.Passed ? 0 : 1;
    }

    /// <summary>
    /// A scenario played against the wall clock (times <paramref name="speed"/>) with the diagnostics
    /// bridge and field page up: the page shows the cut live. After the script the firmware keeps
    /// running, the page up, until Ctrl+C or <paramref name="duration"/> of simulated time in all.
    /// </summary>
    internal static int RunScenarioLive(Scenario scenario, int seed, SimulationSpeed speed, long? duration, int diagPort, bool json,
        TextWriter output, TextWriter error, TimeProvider time, CancellationToken stop, Action<Uri>? onPage = null)
    {
        if (speed.IsMax)
        {
            throw new FormatException("--live plays in real time: give --speed as a factor (1 = real time), not max");
        }

        if (diagPort is < 0 or > 65535)
        {
            throw new FormatException("--diag-port is 0..65535");
        }

        var banner = json ? error : output;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stop);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        System.Console.CancelKeyPress += onCancel;
        var player = new LiveScenarioPlayer(time);
        SimulationReport? report;
        try
        {
            report = player.Play(scenario, seed, speed, diagPort, FindFieldPage(), duration, bridge =>
            {
                banner.WriteLine($"scenario {scenario.Name} (seed {seed}) live at {speed}: {scenario.Description}");
                banner.WriteLine($"field diagnostics page: {bridge.PageUri}");
                banner.WriteLine(duration is null ? "the page stays up after the script until Ctrl+C" : $"runs {duration / 1000.0:0.###} s simulated in all, then stops");
                banner.Flush();
                onPage?.Invoke(bridge.PageUri);
            }, ended =>
            {
                PrintReport(ended, json, $"played live at {speed}", output, error);
                banner.WriteLine(duration is null ? "script done; the field page stays up until Ctrl+C" : "script done; the field page stays up until the end of --duration");
                banner.Flush();
            }, cancel.Token);
        }
        catch (System.Net.HttpListenerException e)
        {
            error.WriteLine($"sim: cannot serve diagnostics on 127.0.0.1:{diagPort}: {e.Message}; choose another --diag-port or 0");
            return 1;
        }
        catch (InvalidOperationException e)
        {
            error.WriteLine($"sim: scenario {scenario.Name} could not run its script: {e.Message}");
            return 1;
        }
        finally
        {
            System.Console.CancelKeyPress -= onCancel;
        }

        if (report is null)
        {
            error.WriteLine($"sim: scenario {scenario.Name} stopped before its script ended");
            return 1;
        }

        banner.WriteLine($"stopped after {player.Simulation!.Ticks / 1000.0:0.0} s simulated in all");
        return report.Passed ? 0 : 1;
    }

    private static void PrintReport(SimulationReport report, bool json, string throughput, TextWriter output, TextWriter error)
    {
        if (json)
        {
            output.WriteLine(ReportJson.Write(report));
            error.WriteLine(throughput);
        }
        else
        {
            output.WriteLine($"scenario {report.Scenario} (seed {report.Seed}): {(report.Passed ? "PASSED" : "FAILED")} after {report.SimulatedSeconds:0.000} s simulated, final state {report.FinalState}");
            foreach (var cut in report.Cuts)
            {
                output.WriteLine($"  cut at {cut.AtMilliseconds} ms: {cut.Words} [{cut.Reason}]; hazard {cut.Hazard ?? "none"}; bank unpowered {ScenarioScript.Ms(cut.LatencyMilliseconds)} after it (budget {ScenarioScript.Ms(cut.BudgetMilliseconds)})");
            }

            foreach (var criterion in report.Criteria)
            {
                output.WriteLine($"  [{(criterion.Passed ? "ok" : "FAIL")}] {criterion.Name}: {criterion.Detail}");
            }

            foreach (var violation in report.InvariantViolations)
            {
                output.WriteLine($"  [FAIL] invariant {violation.Invariant} at {violation.AtMilliseconds} ms: {violation.Detail}");
            }

            output.WriteLine($"  max count {report.MaxCount}, unsafe exposure {report.UnsafeExposureMilliseconds} ms");
            output.WriteLine("  " + throughput);
        }

    }

    internal static int RunFuzz(SeedRange range, long durationMilliseconds, FuzzFaultPool pool, bool json, TextWriter output, TextWriter error,
        SimulationSetup? setup = null)
    {
        long start = TimeProvider.System.GetTimestamp();
        int failed = 0;
        long ticks = 0;
        int cuts = 0;
        var outcomes = FuzzCampaign.Run(range.First, range.Last, durationMilliseconds, pool, setup, progress: outcome =>
        {
            ticks += outcome.Ticks;
            cuts += outcome.Cuts;
            if (outcome.Passed)
            {
                return;
            }

            failed++;
            var first = outcome.Violations[0];
            var log = json ? error : output;
            log.WriteLine($"seed {outcome.Seed}: SAFETY INVARIANT VIOLATED — {first.Invariant} at {first.AtMilliseconds} ms: {first.Detail}");
            log.WriteLine($"  reproduce: chamberctl sim --fuzz --seeds {outcome.Seed}..{outcome.Seed} --duration {durationMilliseconds}ms{(pool == FuzzFaultPool.All ? " --fuzz-faults all" : string.Empty)}");
            log.WriteLine($"  last {outcome.ShortTrace.Count} events before the violation:");
            foreach (var e in outcome.ShortTrace)
            {
                log.WriteLine($"    {e.AtMilliseconds,9} ms  {e.What}");
            }
        });
        double wall = TimeProvider.System.GetElapsedTime(start).TotalSeconds;
        string summary = $"fuzz: {outcomes.Count} seeds ({range}) × {durationMilliseconds / 1000.0:0.###} s simulated, pool {pool}: {failed} with violations, {cuts} cuts. {Throughput(ticks, wall)}";
        if (json)
        {
            using var stream = new MemoryStream();
            using (var writer = new System.Text.Json.Utf8JsonWriter(stream, new System.Text.Json.JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                writer.WriteString("scenario", "fuzz");
                writer.WriteString("seeds", range.ToString());
                writer.WriteNumber("ticks", ticks);
                writer.WriteNumber("simulatedSeconds", ticks / 1000.0);
                writer.WriteNumber("cuts", cuts);
                writer.WriteStartArray("failedSeeds");
                foreach (var o in outcomes.Where(o => !o.Passed))
                {
                    writer.WriteNumberValue(o.Seed);
                }

                writer.WriteEndArray();
                writer.WriteBoolean("passed", failed == 0);
                writer.WriteEndObject();
            }

            output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            error.WriteLine(summary);
        }
        else
        {
            output.WriteLine(summary);
        }

        return failed == 0 ? 0 : 1;
    }

    /// <summary>
    /// Rig mode: the simulator answers the rig protocol on 127.0.0.1, one runner session at a time,
    /// each on a fresh in-process simulator target; virtual time moves only when the runner says ADVANCE.
    /// </summary>
    internal static int RunRig(int port, int? sessions, TextWriter output, TextWriter error, CancellationToken stop = default)
    {
        if (port is < 0 or > 65535)
        {
            throw new FormatException("--rig-port is 0..65535");
        }

        if (sessions is < 1)
        {
            throw new FormatException("--rig-sessions is 1 or more");
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stop);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        System.Console.CancelKeyPress += onCancel;
        using var listener = new RigTcpListener(() => new SimulatorHilTarget(), port);
        try
        {
            listener.Start();
        }
        catch (System.Net.Sockets.SocketException e)
        {
            System.Console.CancelKeyPress -= onCancel;
            error.WriteLine($"sim: cannot listen on 127.0.0.1:{port} (--rig-port): {e.Message}; choose another port or 0");
            return 1;
        }

        try
        {
            int bound = listener.EndPoint.Port;
            output.WriteLine($"rig protocol (docs/hil.md) on tcp:127.0.0.1:{bound}; virtual time, driven by the runner; {(sessions is int n ? $"stops after {n} session(s) or" : "stops on")} Ctrl+C");
            output.WriteLine($"run: chamberctl hil run tests/hil/scenarios/*.yaml --target tcp:127.0.0.1:{bound}");
            output.Flush();
            listener.RunAsync(cancel.Token, sessions).GetAwaiter().GetResult();
            output.WriteLine($"rig: served {listener.Sessions} session(s)");
            return 0;
        }
        finally
        {
            System.Console.CancelKeyPress -= onCancel;
        }
    }

    private static int RunLive(int seed, SimulationSpeed speed, long? duration, int linkPort, int diagPort, string? keyFile, bool factoryFresh, bool json, TextWriter output, TextWriter error)
    {
        if (linkPort is < 0 or > 65535 || diagPort is < 0 or > 65535)
        {
            throw new FormatException("--link-port and --diag-port are 0..65535");
        }

        ChamberSimulation simulation;
        string keyPath;
        bool created;
        try
        {
            simulation = CreateLiveSimulation(seed, keyFile, factoryFresh, out keyPath, out created);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException or InvalidOperationException)
        {
            error.WriteLine("sim: " + e.Message);
            return 1;
        }

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        System.Console.CancelKeyPress += onCancel;
        var host = new RealTimeHost(simulation, TimeProvider.System);
        try
        {
            host.StartServers(linkPort, diagPort, FindFieldPage());

            // With --json, stdout carries the one JSON object and nothing else: the banner goes to stderr.
            var banner = json ? error : output;
            banner.WriteLine($"simulated chamber, seed {seed}, speed {speed}; Ctrl+C stops");
            banner.WriteLine($"console link: tcp://{host.LinkEndPoint} (length-prefixed frames, docs/protocol.md)");
            banner.WriteLine(factoryFresh
                ? FactoryFreshBanner
                : $"link key: {keyPath} ({(created ? "new random key, owner-only file" : "existing key")}) — never a key built into firmware");
            banner.WriteLine($"field diagnostics page: {host.DiagnosticsPage}");
            banner.Flush();

            long runFor = duration ?? (speed.IsMax ? 60_000 : long.MaxValue / 2);
            bool live = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected && !json;
            string footer = $"link tcp://{host.LinkEndPoint}  ·  page {host.DiagnosticsPage}  ·  {(factoryFresh ? "J jumper  ·  " : string.Empty)}Ctrl+C stops";
            if (live)
            {
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
                console.Live(Frame(simulation, speed, footer)).Start(context =>
                {
                    host.RunAsync(speed, runFor, TimeSpan.FromMilliseconds(200), () =>
                    {
                        if (factoryFresh)
                        {
                            ToggleJumperOnKey(host);
                        }

                        context.UpdateTarget(Frame(simulation, speed, footer));
                        context.Refresh();
                    }, cancel.Token).GetAwaiter().GetResult();
                });
            }
            else
            {
                host.RunAsync(speed, runFor, TimeSpan.FromSeconds(1), () =>
                {
                    if (!json)
                    {
                        output.WriteLine(DashboardView.PlainLine(simulation.Observe(), LastCut(simulation)));
                    }
                }, cancel.Token).GetAwaiter().GetResult();
            }

            var report = simulation.BuildReport("live", []);
            if (json)
            {
                output.WriteLine(ReportJson.Write(report));
                error.WriteLine(Throughput(host.TicksPerWallSecond));
            }
            else
            {
                output.WriteLine($"stopped after {report.SimulatedSeconds:0.0} s simulated; cuts {report.Cuts.Count}; invariant violations {report.InvariantViolations.Count}");
                output.WriteLine(Throughput(host.TicksPerWallSecond));
            }

            return report.InvariantViolations.Count == 0 ? 0 : 1;
        }
        catch (System.Net.Sockets.SocketException e)
        {
            error.WriteLine($"sim: cannot listen on 127.0.0.1 (--link-port {linkPort}): {e.Message}; choose another port or 0");
            return 1;
        }
        catch (System.Net.HttpListenerException e)
        {
            error.WriteLine($"sim: cannot serve diagnostics on 127.0.0.1:{diagPort}: {e.Message}; choose another --diag-port or 0");
            return 1;
        }
        finally
        {
            System.Console.CancelKeyPress -= onCancel;
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>What the factory-fresh simulator tells the technician (true to the firmware's rules, docs/protocol.md).</summary>
    internal const string FactoryFreshBanner =
        "factory-fresh: no link key; provisioning jumper FITTED (press J to pull or refit it). While it is fitted and no key is committed, "
        + "FactoryProvision is accepted from any new connection; each provisional key lives only until its link closes, and pulling the jumper "
        + "refuses it and every further factory step. Once a key is committed FactoryProvision is refused; pull the jumper after provisioning.";

    /// <summary>J pulls or refits the simulated provisioning jumper (interactive terminal only).</summary>
    private static void ToggleJumperOnKey(RealTimeHost host)
    {
        if (System.Console.IsInputRedirected || !System.Console.KeyAvailable)
        {
            return;
        }

        if (System.Console.ReadKey(intercept: true).Key == ConsoleKey.J)
        {
            host.SetProvisioningJumper(!host.ProvisioningJumperFitted);
        }
    }

    /// <summary>
    /// The live simulator as <c>chamberctl sim</c> serves it: device nonces from the CSPRNG (it
    /// listens on sockets), and either factory-fresh with the jumper fitted or provisioned with the
    /// key from an owner-only key file (made if absent, refused if another user could have written it).
    /// </summary>
    internal static ChamberSimulation CreateLiveSimulation(int seed, string? keyFile, bool factoryFresh, out string keyPath, out bool created)
    {
        byte[]? key = null;
        keyPath = factoryFresh ? string.Empty : keyFile ?? DevelopmentKey.DefaultPath;
        created = false;
        if (!factoryFresh)
        {
            key = DevelopmentKey.LoadOrCreate(keyPath, out created);
        }

        return new ChamberSimulation(new SimulationSetup
        {
            Seed = seed,
            Provisioning = factoryFresh ? ProvisioningMode.FactoryFresh : ProvisioningMode.GivenKey,
            LinkKey = key,
            JumperFitted = factoryFresh,
            CryptographicDeviceNonces = true,
        });
    }

    private static Spectre.Console.Rendering.IRenderable Frame(ChamberSimulation simulation, SimulationSpeed speed, string footer) =>
        DashboardView.Render(simulation.Observe(), speed.ToString(), LastCut(simulation), footer);

    private static string? LastCut(ChamberSimulation simulation)
    {
        if (simulation.Cuts.Count == 0)
        {
            return null;
        }

        var cut = simulation.Cuts[^1];
        return $"{cut.Words} at {cut.AtMilliseconds / 1000.0:0.000} s";
    }

    private static string? FindFieldPage()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            string candidate = Path.Combine(folder.FullName, "tools", "field-diagnostics");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string Throughput(long ticks, double wallSeconds) => Throughput(wallSeconds > 0 ? ticks / wallSeconds : 0);

    private static string Throughput(double ticksPerSecond) =>
        $"throughput: {ticksPerSecond:N0} simulated ticks (1 ms each) per wall second = {ticksPerSecond / 100:N0} supervisor periods/s";
}
