using System;

namespace ChamberFirmware.Fuzz.Harness;

/// <summary>A decoder returned, but broke a property the harness checks (e.g. a forged frame actuated).</summary>
public sealed class FuzzInvariantException : Exception
{
    public FuzzInvariantException(string message)
        : base(message)
    {
    }
}
