namespace ChamberFirmware.Starvation.Tests;

/// <summary>One supervisor tick as the nanoCLR program printed it: "tick,START,HOST,MODE,BEFORE,LINKCHUNK".</summary>
/// <param name="StartedAt">When the tick started (µs since the run began, wall clock).</param>
/// <param name="Host">Host time so far (µs): the supervisor was running or due and no managed thread ran (StallDetector).</param>
/// <param name="Mode">The supervisor's mode at the tick (SupervisorMode: 0 Idle, 1 SelfTest, 2 Ready, 3 SafeStop).</param>
/// <param name="Before">What ran just before (Activity: 1 link, 2 control, 3 supervisor, 4 console stand-in).</param>
public sealed record SupervisorTick(long StartedAt, long Host, int Mode, int Before);
