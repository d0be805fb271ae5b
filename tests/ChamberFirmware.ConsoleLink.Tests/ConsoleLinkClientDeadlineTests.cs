using System;
using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Client;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Tools.Tests.Ble;
using Xunit;

namespace ChamberFirmware.ConsoleLink.Tests;

/// <summary>
/// Whatever answers on the link must not hold the console (docs/security.md, "Fuzzing": the
/// console-replies hang). Every wait for the far end is bounded on the client's injected clock:
/// a request's answer by the reply timeout, closing by <see cref="ConsoleLinkClient.CloseTimeout"/>.
/// The calls get no cancellation token, so only the client's own deadlines can end them; the
/// clock is moved by hand and never slept through.
/// </summary>
public sealed class ConsoleLinkClientDeadlineTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Reply = TimeSpan.FromSeconds(4);
    private readonly ManualTimeProvider _time = new();
    private readonly DeviceRig _device = new();

    [Fact]
    public async Task A_far_end_that_never_answers_the_hello_fails_the_connect_at_the_reply_timeout()
    {
        await using var client = Client(HostileBehaviour.IgnoreHello, out _);

        var error = await FailsExactlyAtTheReplyTimeoutAsync(client.ConnectAsync(CancellationToken.None));
        Assert.Equal("The device did not answer Hello within 4 s.", error.Message);
        Assert.Equal(LinkMessageType.Hello, error.Request);
    }

    [Fact]
    public async Task Garbled_answers_are_counted_and_the_request_fails_at_the_reply_timeout()
    {
        await using var client = Client(HostileBehaviour.GarbleAnswers, out _);
        await client.ConnectAsync(CancellationToken.None).WaitAsync(Bound);

        var error = await FailsExactlyAtTheReplyTimeoutAsync(client.GetStatusAsync(CancellationToken.None));
        Assert.Equal("The device did not answer GetStatus within 4 s.", error.Message);

        // The garbled answer was queued when the request left, but the receive loop counts it on a
        // thread-pool thread that the timeout does not wait for: on a busy machine the request can
        // fail first. Wait (bounded) for the count instead of racing it.
        await Until(() => client.RejectedFrames >= 1);
        Assert.Equal(1, client.RejectedFrames);
    }

    [Fact]
    public async Task Closing_does_not_wait_past_the_close_timeout_for_a_receive_the_transport_never_ends()
    {
        var client = Client(HostileBehaviour.StrandReceive, out var transport);
        await client.ConnectAsync(CancellationToken.None).WaitAsync(Bound);
        await transport.Stranded.Task.WaitAsync(Bound);

        Task closing = client.DisposeAsync().AsTask();
        await _time.TimerPendingAsync(ConsoleLinkClient.CloseTimeout);
        Assert.True(transport.Disposed);
        Assert.False(closing.IsCompleted);
        _time.Advance(ConsoleLinkClient.CloseTimeout);

        await closing.WaitAsync(Bound);
    }

    /// <summary>The call is still waiting 1 ms before the reply timeout and fails with LinkReplyTimeoutException at it.</summary>
    private async Task<LinkReplyTimeoutException> FailsExactlyAtTheReplyTimeoutAsync(Task call)
    {
        await _time.TimerPendingAsync(Reply);
        _time.Advance(Reply - TimeSpan.FromMilliseconds(1));
        Assert.False(call.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        return await Assert.ThrowsAsync<LinkReplyTimeoutException>(() => call.WaitAsync(Bound));
    }

    private static async Task Until(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(Bound);
        while (!condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), limit.Token);
        }
    }

    private ConsoleLinkClient Client(HostileBehaviour behaviour, out HostileDeviceTransport transport)
    {
        transport = new HostileDeviceTransport(_device.Server, behaviour);
        return new ConsoleLinkClient(transport, DeviceRig.Key, new SeededNonceSource(5), _time, Reply);
    }
}
