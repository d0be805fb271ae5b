using System;
using System.CommandLine;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using ChamberCtl;
using ChamberCtl.Commands;
using ChamberFirmware.Core.Tests.Diagnostics;
using ChamberFirmware.DiagnosticsBridge;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ChamberFirmware.Tools.Tests.ChamberCtl;

public class DiagCommandTests
{
    private static string Golden(string name) => Path.Combine(GoldenFixture.GoldenDirectory, name);

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = ChamberCtlApp.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Decode_reads_a_golden_file_and_guesses_its_kind()
    {
        var (exit, output, error) = Run("diag", "decode", Golden("status-safestop.hex"));

        Assert.True(exit == 0, error);
        Assert.Contains("status payload, 28 bytes, format version 1", output);
        Assert.Contains("SafeStop", output);
        Assert.Contains("Overcount, RunawayGrowth", output);
    }

    [Fact]
    public void Decode_json_equals_the_golden_description()
    {
        var hex = File.ReadAllText(Golden("events-0.hex")).Trim();

        var (exit, output, error) = Run("diag", "decode", hex, "--kind", "events", "--json");

        Assert.True(exit == 0, error);
        var expected = JsonNode.Parse(File.ReadAllText(Golden("events-0.json")))!["decoded"];
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(output)!["decoded"]), output);
    }

    [Fact]
    public void Decode_names_what_is_wrong_with_a_bad_payload()
    {
        var (exit, _, error) = Run("diag", "decode", "0201", "--kind", "status");
        Assert.Equal(1, exit);
        Assert.Contains("unsupported format version", error);

        (exit, _, error) = Run("diag", "decode", "01zz");
        Assert.Equal(1, exit);
        Assert.Contains("not a hex digit", error);

        (exit, _, error) = Run("diag", "decode", "0102", "--kind", "pressure");
        Assert.Equal(1, exit);
        Assert.Contains("unknown payload kind 'pressure'", error);
    }

    [SkippableTheory]
    [MemberData(nameof(ServedDiagnostics.Transports), MemberType = typeof(ServedDiagnostics))]
    public async Task Target_reads_everything_from_a_running_bridge_or_over_ble(string transport)
    {
        var service = GoldenFixture.Service();
        service.PublishStatus(GoldenFixture.SafeStopStatus());
        await using var served = await ServedDiagnostics.StartAsync(transport, service, "Chamber NBC1-000042");

        var (exit, output, error) = await served.RunDiag();

        Assert.True(exit == 0, error);
        Assert.Contains("Chamber diagnostics from ", output);
        Assert.Equal(0, served.DiagnosticsOnly.Frames); // diag only reads: no link frame over BLE
        Assert.Contains("serial number:           NBC1-000042", output);
        Assert.Contains("state:                   SafeStop", output);
        Assert.Contains("sensor errors: CrcMismatch: 11", output);
        // All nine events, newest first, the cut among them.
        Assert.Matches(@"(?s)\s8\s.*\s7\s.*\s6\s.*Cut\s+SafeStop.*Overcount, RunawayGrowth.*\s0\s.*Reset", output);
    }

    [SkippableTheory]
    [MemberData(nameof(ServedDiagnostics.Transports), MemberType = typeof(ServedDiagnostics))]
    public async Task Raw_codes_are_written_in_words(string transport)
    {
        var service = GoldenFixture.Service();
        service.PublishStatus(GoldenFixture.ActiveStatus());
        await using var served = await ServedDiagnostics.StartAsync(transport, service, "Chamber NBC1-000042");

        var (exit, output, error) = await served.RunDiag();

        Assert.True(exit == 0, error);
        // Reject counters by reason name (1 Truncated, 3 BadVersion; slot 15 is past the last reason).
        Assert.Contains("rejected link frames: Truncated: 4", output);
        Assert.Contains("rejected link frames: BadVersion: 2", output);
        Assert.Contains("rejected link frames: reason 15: 1", output);
        Assert.DoesNotContain("reason 1:", output);
        // The telemetry mask 0b1011 as its channels.
        Assert.Contains("active emitters:         0, 1, 3", output);
        Assert.DoesNotContain("1011", output);
        // The first event (a Reset before any heartbeat) in words: no sentinel age, no temperature.
        Assert.Matches(@"\s0\s+0h00m00s\s+Reset\s+Idle\s+—\s+0\s+no heartbeat yet\s+—\s+none\s+none", output);
        Assert.DoesNotContain("2147483647", output);
    }

    [Theory]
    [InlineData(0xFFFF, "no heartbeat yet")]
    [InlineData(0xFFFE, "≥ 65.5 s")]
    [InlineData(120, "120 ms")]
    public void Telemetry_link_age_separates_no_heartbeat_from_a_long_silence(int value, string words) =>
        Assert.Equal(words, ReadableCodes.TelemetryLinkAge(value));

    [Fact]
    public void A_reset_that_cannot_arm_says_not_provisioned()
    {
        Assert.Equal("not provisioned", ReadableCodes.EventReasons("Reset", ["ConfigurationInvalid"]));
        Assert.Equal("ConfigurationInvalid", ReadableCodes.EventReasons("ConfigChange", ["ConfigurationInvalid"]));
        Assert.Equal("none", ReadableCodes.EventReasons("Reset", []));
    }

    [SkippableTheory]
    [MemberData(nameof(ServedDiagnostics.Transports), MemberType = typeof(ServedDiagnostics))]
    public async Task Target_json_matches_the_golden_values(string transport)
    {
        var service = GoldenFixture.Service();
        service.PublishStatus(GoldenFixture.SafeStopStatus());
        await using var served = await ServedDiagnostics.StartAsync(transport, service, "Chamber NBC1-000042");

        var (exit, output, error) = await served.RunDiag("--json");

        Assert.True(exit == 0, error);
        var all = JsonNode.Parse(output)!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(Golden("status-safestop.json")))!["decoded"], all["status"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(Golden("identity.json")))!["decoded"], all["identity"]));
        Assert.Equal(9, all["events"]!.AsArray().Count);
    }

    [Fact]
    public void Target_that_is_not_running_fails_with_a_message()
    {
        var (exit, _, error) = Run("diag", "--target", "ws://127.0.0.1:1/diag");

        Assert.Equal(1, exit);
        Assert.Contains("could not read ws://127.0.0.1:1/diag", error);
        Assert.Contains("nothing is listening on 127.0.0.1:1", error);
    }

    [Fact]
    public void Decode_of_a_file_that_does_not_exist_says_the_file_is_missing()
    {
        var (exit, _, error) = Run("diag", "decode", "missing.hex");

        Assert.Equal(2, exit);
        Assert.Contains("file missing.hex not found", error);
        Assert.DoesNotContain("hex digit", error);
    }

    [Fact]
    public async Task Target_on_a_port_that_never_answers_the_handshake_fails_after_two_seconds_of_the_clock()
    {
        // A real listener that speaks something else: it takes the connection, reads the upgrade request
        // and answers nothing (as the console link does with a request it cannot parse as a frame).
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var clock = new FakeTimeProvider();
        var run = Task.Run(() => RunWith(clock, "diag", "--target", $"ws://127.0.0.1:{port}/diag"));
        using var peer = await listener.AcceptTcpClientAsync();
        var request = new byte[256];
        Assert.True(await peer.GetStream().ReadAsync(request) > 0);
        Assert.False(run.IsCompleted);

        clock.Advance(TimeSpan.FromMilliseconds(1999));
        await Task.Yield();
        Assert.False(run.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var (exit, _, error) = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, exit);
        Assert.Contains($"127.0.0.1:{port} accepted a TCP connection but gave no WebSocket answer within 2 s", error);
        Assert.Contains("not a diagnostics bridge", error);
    }

    [Fact]
    public async Task Target_on_a_port_that_answers_plain_http_says_what_answered()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var run = Task.Run(() => RunWith(new FakeTimeProvider(), "diag", "--target", $"ws://127.0.0.1:{port}/diag"));
        using (var peer = await listener.AcceptTcpClientAsync())
        {
            var stream = peer.GetStream();
            Assert.True(await stream.ReadAsync(new byte[512]) > 0);
            await stream.WriteAsync("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
        }

        var (exit, _, error) = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, exit);
        Assert.Contains($"127.0.0.1:{port} answered, but not as a diagnostics bridge", error);
        Assert.Contains("404", error);
    }

    private static (int Exit, string Output, string Error) RunWith(TimeProvider clock, params string[] args)
    {
        var root = new RootCommand { DiagCommand.Create(clock) };
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
