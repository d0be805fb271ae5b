using System;
using System.Collections.Generic;
using ChamberFirmware.Hal.Clock;
using ChamberFirmware.Hal.Simulated;

namespace ChamberFirmware.Core.Tests.Runtime;

/// <summary>
/// An IThreadScheduler for host tests: records every sleep and yield; a sleep moves the given
/// manual clock on (as the device's would pass), and a yield runs <see cref="OnYield"/>.
/// </summary>
public sealed class RecordingScheduler : IThreadScheduler
{
    private readonly ManualClock? _clock;

    public RecordingScheduler(ManualClock? clock = null)
    {
        _clock = clock;
    }

    public List<int> Sleeps { get; } = new();

    public int Yields { get; private set; }

    public Action? OnYield { get; set; }

    public void Sleep(int milliseconds)
    {
        Sleeps.Add(milliseconds);
        _clock?.AdvanceMilliseconds(milliseconds);
    }

    public void Yield()
    {
        Yields++;
        OnYield?.Invoke();
    }
}
