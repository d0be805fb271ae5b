namespace ChamberCtl.TreatmentConsole;

/// <summary>How one typed console command ended.</summary>
internal enum CommandOutcome
{
    Ok,

    /// <summary>The device refused it, or it was mistyped: the session goes on.</summary>
    Refused,

    /// <summary>quit: the session ends.</summary>
    Quit,

    /// <summary>The link closed or the device stopped answering: the session cannot go on.</summary>
    LinkClosed,
}
