using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;

namespace ChamberCtl.Hil;

/// <summary>One expected outcome; only the fields its <see cref="Kind"/> uses are meaningful.</summary>
internal sealed record HilExpectation(HilExpectationKind Kind)
{
    public ChamberState State { get; init; }

    public CutReasons Reasons { get; init; }

    public HilFrameRejection Rejection { get; init; }

    /// <summary>Window in milliseconds of target time from the start of the step; null = must hold now.</summary>
    public int? WithinMilliseconds { get; init; }

    /// <summary>For MaxCountBelow: the exclusive bound.</summary>
    public int CountBound { get; init; }

    /// <summary>The expectation as written, for reports ("cut: Overcount within 20 ms").</summary>
    public string Text { get; init; } = string.Empty;
}
