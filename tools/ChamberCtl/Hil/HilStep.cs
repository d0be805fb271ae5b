using ChamberFirmware.Core.Control;

namespace ChamberCtl.Hil;

/// <summary>One step of a scenario; only the fields its <see cref="Kind"/> uses are meaningful.</summary>
internal sealed record HilStep(int Number, HilStepKind Kind, string Text)
{
    public HilCondition? Condition { get; init; }

    public HilConsoleAction Action { get; init; }

    /// <summary>For a console step: the result the controller must answer with (null: not checked).</summary>
    public CommandResult? ExpectedResult { get; init; }

    /// <summary>For a console step with <c>result: none</c>: the controller must not answer.</summary>
    public bool ExpectNoAnswer { get; init; }

    public int WaitMilliseconds { get; init; }

    /// <summary>For WaitUntil and Expect steps.</summary>
    public HilExpectation? Expectation { get; init; }
}
