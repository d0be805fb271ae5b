using System.Threading;
using System.Threading.Tasks;

namespace ChamberFirmware.ConsoleLink.Client;

/// <summary>What paces the heartbeat loop: a periodic timer in the console, a manual ticker in tests.</summary>
public interface ILinkTicker
{
    /// <summary>Completes at the next tick; false when the ticker has stopped.</summary>
    ValueTask<bool> WaitForNextTickAsync(CancellationToken cancellationToken);
}
