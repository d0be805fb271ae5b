using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ChamberFirmware.Tools.Tests.Ble;

/// <summary>
/// A clock the test moves: timers (Task.Delay on this provider, WaitAsync timeouts) fire only when
/// <see cref="Advance"/> passes their due time. <see cref="TimerCreated"/> lets a test wait until the
/// code under test is waiting, so no scan window is ever slept through.
/// </summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly object _lock = new();
    private readonly List<ManualTimer> _timers = new();
    private TaskCompletionSource _created = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset _now = new(2031, 3, 14, 9, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    /// <summary>Completes when a timer of at least the given length is pending.</summary>
    public async Task TimerPendingAsync(TimeSpan atLeast)
    {
        while (true)
        {
            Task created;
            lock (_lock)
            {
                if (_timers.Exists(timer => timer.Due - _now >= atLeast))
                {
                    return;
                }

                created = _created.Task;
            }

            await created.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (_lock)
        {
            _now += by;
            due = _timers.FindAll(timer => timer.Due <= _now);
            _timers.RemoveAll(timer => timer.Due <= _now);
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Schedule(ManualTimer timer, TimeSpan dueTime)
    {
        TaskCompletionSource created;
        lock (_lock)
        {
            _timers.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            timer.Due = _now + dueTime;
            _timers.Add(timer);
            created = _created;
            _created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        created.TrySetResult();
    }

    private void Cancel(ManualTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset Due { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Schedule(this, dueTime);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => owner.Cancel(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
