using System;
using System.Collections.Generic;

namespace ChamberCtl.Flashing;

/// <summary>Runs an external program to completion (the seam between chamberctl and nanoff).</summary>
internal interface IProcessRunner
{
    ProcessResult Run(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout);
}
