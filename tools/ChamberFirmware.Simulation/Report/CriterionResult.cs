namespace ChamberFirmware.Simulation.Report;

/// <summary>One pass criterion of a scenario and whether the run met it.</summary>
public sealed record CriterionResult(string Name, bool Passed, string Detail);
