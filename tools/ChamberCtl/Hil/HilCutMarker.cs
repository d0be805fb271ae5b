using ChamberFirmware.Core.Safety;

namespace ChamberCtl.Hil;

/// <summary>A cut seen in a trace: when it latched and the reasons that latched then.</summary>
internal sealed record HilCutMarker(long TimeMicroseconds, CutReasons Reasons);
