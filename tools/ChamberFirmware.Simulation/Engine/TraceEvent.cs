namespace ChamberFirmware.Simulation.Engine;

/// <summary>One notable moment of a run (console action, fault, state change, cut, bank power change).</summary>
public readonly record struct TraceEvent(long AtMilliseconds, string What);
