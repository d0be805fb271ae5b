namespace ChamberFirmware.Fuzz.Harness;

/// <summary>
/// One decoder under fuzz. Run feeds it one input and returns true when the decoder accepted it
/// (false when it refused it with its own status or documented error). Anything else that comes
/// out of Run — an exception the decoder does not document, or a broken invariant the harness
/// checks (FuzzInvariantException) — is a finding: AFL++ records it as a crash.
/// </summary>
public interface IFuzzTarget
{
    /// <summary>Lower-case name: the corpus folder (corpus/NAME) and the harness argument.</summary>
    string Name { get; }

    /// <summary>What outside bytes this decoder reads, in one line (printed by --list).</summary>
    string Description { get; }

    bool Run(byte[] input);
}
