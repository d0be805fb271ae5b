namespace ChamberFirmware.Hal.Simulated.Plant
{

/// <summary>
/// xorshift64* generator: deterministic from a seed, allocation-free and a few nanoseconds per
/// number, for the simulator's hot paths (System.Random is kept for set-up code).
/// </summary>
public sealed class DeterministicRandom
{
    private ulong _state;

    public DeterministicRandom(int seed)
    {
        // SplitMix64 of the seed, so nearby seeds give unrelated streams and the state is never 0.
        ulong z = unchecked((ulong)seed + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        _state = (z ^ (z >> 31)) | 1UL;
    }

    public ulong NextUInt64()
    {
        _state ^= _state >> 12;
        _state ^= _state << 25;
        _state ^= _state >> 27;
        return unchecked(_state * 0x2545F4914F6CDD1DUL);
    }

    public byte NextByte() => (byte)(NextUInt64() >> 56);

    /// <summary>A non-negative seed for another generator.</summary>
    public int NextSeed() => (int)(NextUInt64() >> 33);

    /// <summary>Uniform in [-amplitude, +amplitude] (amplitude ≥ 0).</summary>
    public long NextSymmetric(long amplitude) =>
        amplitude <= 0 ? 0 : (long)(NextUInt64() % (ulong)(2 * amplitude + 1)) - amplitude;
}
}
