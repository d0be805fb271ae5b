using System.Collections.Generic;

namespace ChamberCtl.Hil;

internal sealed record HilFileResult(HilScenarioFile File, IReadOnlyList<HilScenarioResult> Scenarios);
