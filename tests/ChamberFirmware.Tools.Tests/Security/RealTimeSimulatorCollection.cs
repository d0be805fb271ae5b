using Xunit;

namespace ChamberFirmware.Tools.Tests.Security;

/// <summary>
/// Attack tests against the simulator running on the wall clock (its link cuts after 250 ms without a
/// heartbeat): run alone, not beside the rest of the suite, so a loaded machine does not turn a
/// refusal under test into a link loss.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealTimeSimulatorCollection
{
    public const string Name = "real-time simulator";
}
