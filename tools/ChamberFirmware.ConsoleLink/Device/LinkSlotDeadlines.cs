using System;

namespace ChamberFirmware.ConsoleLink.Device;

/// <summary>
/// How long one console connection may hold the device's only link slot without earning it
/// (docs/security.md, TCP in the simulator). All on the host's injected clock.
/// </summary>
public sealed record LinkSlotDeadlines
{
    /// <summary>From accept until a session is confirmed (Hello, challenge, SessionConfirm take milliseconds).</summary>
    public TimeSpan Handshake { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A bound session with no frame taken for this long is dead (its console stopped heartbeating,
    /// so the supervisor has long since seen link loss): the connection ends and the slot frees.
    /// </summary>
    public TimeSpan Idle { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Once a record's first byte has arrived, the rest of it arrives within this.</summary>
    public TimeSpan Frame { get; init; } = TimeSpan.FromSeconds(2);
}
