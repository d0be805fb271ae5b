using System.Collections.Generic;
using ChamberFirmware.Core.Treatment;

namespace ChamberCtl.Hil;

/// <summary>A loaded, validated scenario.</summary>
internal sealed record HilScenario(string Name, string Description, int Seed, TreatmentProfile? Profile, IReadOnlyList<HilStep> Steps);
