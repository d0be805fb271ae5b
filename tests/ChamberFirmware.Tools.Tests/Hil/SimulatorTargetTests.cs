using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using System.Xml.Schema;
using ChamberCtl.Commands;
using ChamberCtl.Hil;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Hil;

/// <summary>
/// The repository's scenarios against the real firmware runtime on the simulator: in process
/// (<c>--target sim</c>) and over TCP through the rig protocol (<c>--target tcp:</c>, what CI runs).
/// </summary>
public class SimulatorTargetTests
{
    /// <summary>
    /// Scenarios the real firmware fails today, each for a defect in the firmware (not in the
    /// scenario): the test insists they still fail the way recorded, so a fix shows up here and the
    /// entry is removed.
    /// </summary>
    internal static readonly (string File, string Scenario, string Why)[] KnownFirmwareDefects =
    [
    ];

    [Fact]
    public void Every_repository_scenario_runs_on_the_real_firmware_in_process()
    {
        var (files, errors) = HilScenarioLoader.Load(HilTestData.RepositoryScenarios());
        Assert.Empty(errors);
        using var target = new SimulatorHilTarget();
        var runner = new HilRunner(target);

        var results = files.SelectMany(f => runner.RunFile(f).Scenarios.Select(r => (File: Path.GetFileName(f.Path), Result: r))).ToList();

        Assert.Equal(20, results.Count);
        foreach (var (file, result) in results)
        {
            var known = KnownFirmwareDefects.SingleOrDefault(d => d.File == file && d.Scenario == result.Scenario.Name);
            if (known.File is null)
            {
                Assert.True(result.Outcome == HilOutcome.Passed, file + ": " + result.Scenario.Name + ": " + HilJUnitWriter.FailureMessage(result));
            }
            else
            {
                Assert.Equal(HilOutcome.Failed, result.Outcome);
                Assert.Contains(known.Why, HilJUnitWriter.FailureMessage(result), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Over_tcp_the_simulator_serves_the_rig_protocol_and_the_reports_are_well_formed()
    {
        using var dir = new TempDirectory();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        using var listener = new RigTcpListener(() => new SimulatorHilTarget(), 0);
        listener.Start();
        var serving = listener.RunAsync(stop.Token);
        var junit = dir.Combine("hil.xml");
        var html = dir.Combine("hil.html");
        var args = new List<string> { "hil", "run" };
        args.AddRange(HilTestData.RepositoryScenarios());
        args.AddRange(["--target", "tcp:127.0.0.1:" + listener.EndPoint.Port, "--junit", junit, "--html", html]);

        var run = await Task.Run(() => CliRun.Of([.. args]));
        await stop.CancelAsync();
        await serving.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(KnownFirmwareDefects.Length == 0 ? 0 : HilCommand.ScenarioFailed, run.ExitCode);
        Assert.Contains("target: rig on tcp:127.0.0.1:" + listener.EndPoint.Port + " (simulator (firmware", run.Output, StringComparison.Ordinal);
        Assert.Contains($"20 scenario(s): {20 - KnownFirmwareDefects.Length} passed, {KnownFirmwareDefects.Length} failed, 0 error(s)", run.Output, StringComparison.Ordinal);
        foreach (var (file, scenario, _) in KnownFirmwareDefects)
        {
            Assert.Contains("FAIL  " + Path.GetFileNameWithoutExtension(file) + ": " + scenario, run.Output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);

        // JUnit: valid against the schema CI dashboards read, one case per scenario.
        var xml = XDocument.Load(junit);
        var schemas = new System.Xml.Schema.XmlSchemaSet();
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "Hil", "junit-common.xsd"));
        var problems = new List<string>();
        xml.Validate(schemas, (_, e) => problems.Add(e.Message));
        Assert.Empty(problems);
        Assert.Equal(20, xml.Descendants("testcase").Count());
        Assert.Equal(KnownFirmwareDefects.Length, xml.Descendants("failure").Count());
        Assert.Empty(xml.Descendants("error"));

        // HTML: self-contained, every plot well-formed, and a reasonable size.
        var page = File.ReadAllText(html);
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(20 * 4, Count(page, "<svg "));
        var start = 0;
        while ((start = page.IndexOf("<svg ", start, StringComparison.Ordinal)) >= 0)
        {
            var end = page.IndexOf("</svg>", start, StringComparison.Ordinal) + "</svg>".Length;
            XElement.Parse(page[start..end]);
            start = end;
        }

        Assert.InRange(new FileInfo(html).Length, 50_000, 600_000);
    }

    [Fact]
    public async Task The_rig_protocol_carries_every_sample_unchanged()
    {
        var file = HilScenarioLoader.LoadFile(HilTestData.RepositoryScenarios().Single(f => f.EndsWith("link-loss.yaml", StringComparison.Ordinal)), [])!;
        using var direct = new SimulatorHilTarget();
        var expected = new HilRunner(direct).RunFile(file).Scenarios;

        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var listener = new RigTcpListener(() => new SimulatorHilTarget(), 0);
        listener.Start();
        var serving = listener.RunAsync(stop.Token, maxSessions: 1);
        var actual = await Task.Run(() =>
        {
            using var remote = HilTargetFactory.OpenTcp("127.0.0.1", listener.EndPoint.Port, out var error) ?? throw new InvalidOperationException(error);
            return new HilRunner(remote).RunFile(file).Scenarios;
        });

        // The runner says BYE on dispose: the one session ends and the listener stops by itself.
        await serving.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, listener.Sessions);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(HilOutcome.Passed, actual[i].Outcome);
            Assert.Equal(expected[i].Trace.Samples, actual[i].Trace.Samples);
        }
    }

    [Fact]
    public void No_listener_on_the_port_is_a_message_naming_the_command_to_start_one()
    {
        var probe = new TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = probe.LocalEndpoint is System.Net.IPEndPoint e ? e.Port : 0;
        probe.Stop();

        var run = CliRun.Of("hil", "run", HilTestData.RepositoryScenarios().First(), "--target", "tcp:127.0.0.1:" + port);

        Assert.Equal(HilCommand.BadInputOrTarget, run.ExitCode);
        Assert.Contains("no rig/simulator listening on 127.0.0.1:" + port + ": start `chamberctl sim --rig-port " + port + "`", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.All, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rig_server_refuses_what_it_does_not_fully_understand_and_changes_nothing()
    {
        using var target = new SimulatorHilTarget();
        var server = new RigProtocolServer(target, "test");
        string Say(string line)
        {
            var output = new StringWriter { NewLine = "\n" };
            server.Handle(line, output);
            return output.ToString().TrimEnd('\n');
        }

        Assert.Equal("HELLO 1 test", Say("HELLO 1"));
        Assert.Equal("OK", Say("RESET 4"));
        Assert.Equal("OK", Say("PROFILE 300000 1000000 200 20000 4 4"));
        var before = target.Observe();

        Assert.Equal("ERR unknown-command FLASH", Say("FLASH firmware.bin"));
        Assert.StartsWith("ERR bad-argument", Say("INJECT SENSOR counter nak 0"), StringComparison.Ordinal);
        Assert.StartsWith("ERR bad-argument", Say("INJECT EMITTER 8 stuck-on 0"), StringComparison.Ordinal);
        Assert.StartsWith("ERR bad-argument", Say("INJECT HANG 10 extra"), StringComparison.Ordinal);
        Assert.StartsWith("ERR bad-argument", Say("ADVANCE 0"), StringComparison.Ordinal);
        Assert.StartsWith("ERR bad-argument", Say("CONSOLE launch"), StringComparison.Ordinal);
        Assert.StartsWith("ERR target the temperature sensor has no CRC", Say("INJECT SENSOR temperature crc 0"), StringComparison.Ordinal);
        Assert.Equal(before, target.Observe());

        Assert.StartsWith("OK", Say("CONSOLE heartbeat-on"), StringComparison.Ordinal);
        var advance = Say("ADVANCE 5").Split('\n');
        Assert.Equal(6, advance.Length);
        Assert.All(advance[..5], l => Assert.StartsWith("S t=", l, StringComparison.Ordinal));
        Assert.Equal("OK", advance[^1]);
        Assert.StartsWith("ERR bad-state PROFILE must directly follow RESET", Say("PROFILE DEFAULT"), StringComparison.Ordinal);
        Assert.Equal("OK", Say("BYE"));
    }

    [Fact]
    public void An_accepted_configuration_change_changes_the_fingerprint_and_a_refused_one_does_not()
    {
        using var target = new SimulatorHilTarget();
        target.Reset(1, null);
        var baseline = target.Observe().ConfigurationFingerprint;
        target.Console(HilConsoleAction.HeartbeatOn);
        target.Inject(new HilCondition(HilConditionKind.Frame) { Frame = HilFrameKind.ForgedConfig });
        target.Advance(100, new HilTrace());
        Assert.Equal(baseline, target.Observe().ConfigurationFingerprint);
        Assert.Equal(LinkRejectReason.BadTag, target.Observe().LastLinkReject);

        // The genuine console changes a setting (applied in RAM): the settings in force moved, so does the fingerprint.
        var reply = target.Simulation.SetSettings(new ChamberSettings { LinkTimeoutMilliseconds = 500 });
        target.Advance(10, new HilTrace());

        Assert.True(reply.IsOk, reply.ToString());
        Assert.NotEqual(baseline, target.Observe().ConfigurationFingerprint);
    }

    [Fact]
    public void Every_link_reject_code_has_a_word_in_the_scenario_vocabulary()
    {
        foreach (var reason in Enum.GetValues<LinkRejectReason>().Where(r => r != LinkRejectReason.Count))
        {
            var word = HilFrameRejections.FromLink(reason);
            Assert.True(reason == LinkRejectReason.None ? word == HilFrameRejection.None : word != HilFrameRejection.None, reason.ToString());
        }

        Assert.Equal(HilFrameRejection.BadTag, HilFrameRejections.FromLink(LinkRejectReason.BadTag));
        Assert.Equal(HilFrameRejection.Unauthenticated, HilFrameRejections.FromLink(LinkRejectReason.NoSession));
        Assert.Equal(HilFrameRejection.Replayed, HilFrameRejections.FromLink(LinkRejectReason.Reordered));
        Assert.Equal(HilFrameRejection.Malformed, HilFrameRejections.FromLink(LinkRejectReason.Truncated));
        Assert.Equal(HilFrameRejection.Dropped, HilFrameRejections.FromLink(LinkRejectReason.RateLimited));
    }

    [Fact]
    public void A_rogue_plant_feeds_on_the_powered_bank_only_and_a_held_temperature_holds()
    {
        using var target = new SimulatorHilTarget();
        target.Reset(2, null);
        target.Inject(new HilCondition(HilConditionKind.Temperature) { TemperatureCentiCelsius = 3000 });
        target.Inject(new HilCondition(HilConditionKind.FirmwareHang));
        target.Advance(40, new HilTrace());
        Assert.False(target.Observe().InterlockPowered);

        target.Inject(new HilCondition(HilConditionKind.RogueOn) { GrowthPermillePerSecond = 2000 });
        var before = target.Observe().Count;
        target.Advance(1000, new HilTrace());

        // Bank unpowered: no rogue growth (the plant only decays); the temperature stays where the rig holds it.
        Assert.True(target.Observe().Count <= before, $"count grew from {before} to {target.Observe().Count}");
        Assert.Equal(3000, target.Observe().TemperatureCentiCelsius);
        Assert.False(target.Simulation.Board.Plant.RogueReplication);
    }

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
