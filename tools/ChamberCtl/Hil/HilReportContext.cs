using System;

namespace ChamberCtl.Hil;

/// <summary>What the reports say about the run as a whole; the wall-clock start comes from the injected TimeProvider.</summary>
internal sealed record HilReportContext(string TargetDescription, DateTimeOffset StartedUtc, string HostName);
