using System;
using ChamberFirmware.Core.Link;

namespace ChamberFirmware.ConsoleLink.Client;

/// <summary>
/// Reproducible nonces for the simulator and tests. Predictable by design: never use it for a
/// real device or console.
/// </summary>
public sealed class SeededNonceSource : INonceSource
{
    private readonly Random _random;

    public SeededNonceSource(int seed)
    {
        _random = new Random(seed);
    }

    public void Fill(byte[] buffer, int offset, int count)
    {
        lock (_random)
        {
            _random.NextBytes(buffer.AsSpan(offset, count));
        }
    }
}
