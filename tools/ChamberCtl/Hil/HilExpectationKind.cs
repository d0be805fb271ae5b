namespace ChamberCtl.Hil;

/// <summary>The closed set of outcomes a scenario can expect (docs/hil.md, "Expectations").</summary>
internal enum HilExpectationKind
{
    /// <summary>The session state is the given one (now, or within a window).</summary>
    State,
    /// <summary>SafeStop is latched with at least the given reasons (now, or within a window).</summary>
    Cut,
    /// <summary>No sample since Reset showed a latched cut.</summary>
    NeverCut,
    /// <summary>The last frame the controller refused was refused for the given reason (now, or within a window).</summary>
    FrameRejected,
    /// <summary>All emitters unpowered within the window from this step.</summary>
    EmittersOffWithin,
    /// <summary>At least one emitter powered within the window from this step (the session really treats).</summary>
    EmittersOnWithin,
    /// <summary>Time passes for the window and no sample shows an emitter powered.</summary>
    EmittersStayOff,
    /// <summary>No sample since Reset reached the given count.</summary>
    MaxCountBelow,
    /// <summary>The configuration fingerprint equals the one observed right after Reset.</summary>
    ConfigurationUnchanged,
}
