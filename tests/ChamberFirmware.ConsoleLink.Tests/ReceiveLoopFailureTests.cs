using System;
using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Client;
using ChamberFirmware.Tools.Tests.Ble;
using Xunit;

namespace ChamberFirmware.ConsoleLink.Tests;

/// <summary>
/// The receive loop tells a failing link from a failing console. What the transport throws (a reset,
/// a disposal) ends the link and requests fail as "The link closed."; what the frame parsers or a
/// TelemetryReceived handler throw fails the pending request, and every later one, with that very
/// error, so it cannot pass for the far end closing (the console-replies fuzz target accepts
/// LinkProtocolException as a refusal, and would never report such a crash). Either way closing
/// neither throws nor hangs. The clock is moved by hand and never advanced here: every failure
/// below arrives without waiting for a reply timeout.
/// </summary>
public sealed class ReceiveLoopFailureTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly ManualTimeProvider _time = new();
    private readonly DeviceRig _device = new();

    [Fact]
    public async Task A_telemetry_handler_that_throws_fails_the_pending_request_with_its_own_error_not_as_a_closed_link()
    {
        var bug = new InvalidOperationException("the telemetry handler's bug");
        var client = Client(HostileBehaviour.TelemetryBeforeAnswers, out _);
        await client.ConnectAsync(CancellationToken.None).WaitAsync(Bound);
        client.TelemetryReceived += (_, _) => throw bug;

        // The far end sends genuine telemetry ahead of the GetStatus answer: the handler throws while
        // the request is pending.
        var pending = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetStatusAsync(CancellationToken.None).WaitAsync(Bound));
        Assert.Same(bug, pending);

        // The loop has ended; a later request is not told "The link closed." either.
        var later = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetStatusAsync(CancellationToken.None).WaitAsync(Bound));
        Assert.Same(bug, later);

        await client.DisposeAsync().AsTask().WaitAsync(Bound);
    }

    [Fact]
    public async Task A_transport_that_fails_under_the_receive_ends_the_link_as_closed()
    {
        var client = Client(HostileBehaviour.ResetAfterHandshake, out _);
        await client.ConnectAsync(CancellationToken.None).WaitAsync(Bound);

        var error = await Assert.ThrowsAsync<LinkProtocolException>(() => client.GetStatusAsync(CancellationToken.None).WaitAsync(Bound));
        Assert.Equal("The link closed.", error.Message);

        await client.DisposeAsync().AsTask().WaitAsync(Bound);
    }

    private ConsoleLinkClient Client(HostileBehaviour behaviour, out HostileDeviceTransport transport)
    {
        transport = new HostileDeviceTransport(_device.Server, behaviour);
        return new ConsoleLinkClient(transport, DeviceRig.Key, new SeededNonceSource(5), _time, TimeSpan.FromSeconds(4));
    }
}
