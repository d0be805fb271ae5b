using System;
using System.Threading;
using System.Threading.Tasks;

namespace ChamberFirmware.ConsoleLink.Client;

/// <summary>Ticks on a TimeProvider's periodic timer (default 50 ms = 20 Hz heartbeat).</summary>
public sealed class PeriodicLinkTicker : ILinkTicker, IDisposable
{
    public static readonly TimeSpan DefaultHeartbeatPeriod = TimeSpan.FromMilliseconds(50);

    private readonly PeriodicTimer _timer;

    public PeriodicLinkTicker(TimeSpan period, TimeProvider? timeProvider = null)
    {
        _timer = new PeriodicTimer(period, timeProvider ?? TimeProvider.System);
    }

    public ValueTask<bool> WaitForNextTickAsync(CancellationToken cancellationToken) => _timer.WaitForNextTickAsync(cancellationToken);

    public void Dispose() => _timer.Dispose();
}
