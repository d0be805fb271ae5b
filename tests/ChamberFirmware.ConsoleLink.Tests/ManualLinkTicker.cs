using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Client;

namespace ChamberFirmware.ConsoleLink.Tests;

/// <summary>A ticker the test advances by hand (no timers, no sleeping).</summary>
public sealed class ManualLinkTicker : ILinkTicker
{
    private readonly Channel<bool> _ticks = Channel.CreateUnbounded<bool>();

    public void Tick(int count = 1)
    {
        for (int i = 0; i < count; i++)
        {
            _ticks.Writer.TryWrite(true);
        }
    }

    public void Stop() => _ticks.Writer.TryComplete();

    public async ValueTask<bool> WaitForNextTickAsync(CancellationToken cancellationToken)
    {
        return await _ticks.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false) && _ticks.Reader.TryRead(out _);
    }
}
