using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Core.Tests.Diagnostics;
using ChamberFirmware.DiagnosticsBridge;
using ChamberFirmware.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace ChamberFirmware.FieldDiagnostics.Tests;

public class FieldPageTests(ITestOutputHelper output)
{
    [Fact]
    public void Node_test_summary_is_parsed_from_the_tap_totals()
    {
        var summary = NodeTestSummary.Parse("ok 1 - a\n1..3\n# tests 3\n# suites 0\n# pass 2\n# fail 1\n# cancelled 0\n# skipped 0\n");

        Assert.Equal(new NodeTestSummary(3, 2, 1, 0, 0), summary);
        Assert.Null(NodeTestSummary.Parse("crashed before the summary"));
    }

    [SkippableFact]
    public async Task Web_page_tests_pass_in_headless_chromium_or_skip_without_chromium()
    {
        var environment = new WebTestEnvironment();
        TestPrerequisite.Require(environment.Missing(), "to run the field page's browser tests, " + WebTestEnvironment.InstallHint);

        // The simulated chamber behind the bridge: the golden fixture, in SafeStop.
        var service = GoldenFixture.Service();
        service.PublishStatus(GoldenFixture.SafeStopStatus());
        var pageRoot = Path.Combine(GoldenFixture.RepoRoot(), "tools", "field-diagnostics");
        await using var bridge = new DiagnosticsWebSocketServer(service, pageRoot, TimeSpan.FromMilliseconds(100));
        bridge.Start();

        var start = new ProcessStartInfo(environment.NodePath!, "--test --test-reporter=tap")
        {
            WorkingDirectory = environment.WebDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DIAG_BRIDGE_URL"] = bridge.HttpUri.ToString();
        start.Environment["CHROMIUM_PATH"] = environment.ChromiumPath;
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        // A bound on a hung browser: the child process is killed after three minutes.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync();
        }

        var text = await stdout + await stderr;
        var summary = NodeTestSummary.Parse(text);
        output.WriteLine(text);

        Assert.True(summary is not null, "node --test printed no summary:\n" + text);
        Assert.True(summary.Fail == 0 && summary.Cancelled == 0 && node.ExitCode == 0, $"node --test: {summary}\n{text}");
        Assert.True(summary.Skipped == 0, "a browser test skipped although the bridge was running:\n" + text);
        Assert.True(summary.Pass >= 16, $"expected at least 16 passing web tests, got {summary}");
    }
}
