namespace ChamberCtl.Hil;

/// <summary>What the runner, acting as the treatment console, can send over the authenticated link.</summary>
internal enum HilConsoleAction
{
    /// <summary>Arm with the scenario's treatment profile.</summary>
    Arm,
    Start,
    Stop,
    /// <summary>Authenticated clear of a latched SafeStop.</summary>
    Clear,
    /// <summary>Send a valid heartbeat every 100 ms from now on.</summary>
    HeartbeatOn,
    /// <summary>Stop sending heartbeats (the transport stays up).</summary>
    HeartbeatOff,
}
