using System;
using System.Threading;
using System.Threading.Tasks;

namespace ChamberFirmware.Tools.Tests.TreatmentConsole;

/// <summary>Wakes waiters on every change of something another thread writes (no polling, no sleeping).</summary>
internal sealed class Changes
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Notify() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Waits until <paramref name="condition"/> holds; fails after a generous wall-clock bound (a hung link).</summary>
    public async Task UntilAsync(Func<bool> condition, Func<string> what)
    {
        using var bound = new CancellationTokenSource(Bound);
        while (true)
        {
            var next = Volatile.Read(ref _next).Task;
            if (condition())
            {
                return;
            }

            try
            {
                await next.WaitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("timed out waiting for " + what());
            }
        }
    }
}
