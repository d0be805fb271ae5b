using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace ChamberFirmware.Tools.Tests.Security;

/// <summary>
/// A manual clock (FakeTimeProvider) that also tells when a timer was armed, so a test advances time
/// only once the deadline it means to pass exists (no race with the socket's own thread, no sleeping).
/// </summary>
internal sealed class ObservedTimeProvider : TimeProvider
{
    private readonly FakeTimeProvider _fake = new();
    private readonly Channel<TimeSpan> _armed = Channel.CreateUnbounded<TimeSpan>();

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ITimer timer = _fake.CreateTimer(callback, state, dueTime, period);
        _armed.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits until a one-shot timer due in exactly <paramref name="due"/> has been armed.</summary>
    public async Task WaitForTimerAsync(TimeSpan due, CancellationToken cancellationToken)
    {
        while (await _armed.Reader.ReadAsync(cancellationToken) != due)
        {
        }
    }

    public void Advance(TimeSpan by) => _fake.Advance(by);
}
