using System;
using ChamberFirmware.Core.Link;

namespace ChamberFirmware.Core.Tests.Link;

/// <summary>Reproducible nonces for tests (never on a device).</summary>
public sealed class SeededNonceSource : INonceSource
{
    private readonly Random _random;

    public SeededNonceSource(int seed)
    {
        _random = new Random(seed);
    }

    public void Fill(byte[] buffer, int offset, int count) => _random.NextBytes(buffer.AsSpan(offset, count));
}
