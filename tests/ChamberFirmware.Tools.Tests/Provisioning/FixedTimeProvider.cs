using System;

namespace ChamberFirmware.Tools.Tests.Provisioning;

/// <summary>A wall clock that always reads the same instant (the record's provisioned-at).</summary>
internal sealed class FixedTimeProvider : TimeProvider
{
    private readonly DateTimeOffset _now;

    public FixedTimeProvider(DateTimeOffset now)
    {
        _now = now;
    }

    public override DateTimeOffset GetUtcNow() => _now;
}
