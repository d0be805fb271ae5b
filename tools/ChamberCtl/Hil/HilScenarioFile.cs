using System.Collections.Generic;

namespace ChamberCtl.Hil;

/// <summary>The scenarios of one file (a file becomes one JUnit test suite).</summary>
internal sealed record HilScenarioFile(string Path, IReadOnlyList<HilScenario> Scenarios);
