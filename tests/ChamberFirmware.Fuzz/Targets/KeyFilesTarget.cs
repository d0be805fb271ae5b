using System;
using System.IO;
using ChamberCtl.Provisioning;
using ChamberCtl.Release;
using ChamberFirmware.Fuzz.Harness;

namespace ChamberFirmware.Fuzz.Targets;

/// <summary>
/// Key files chamberctl reads: a link key file (`provision --current-key-file`, one line of 64 hex
/// digits; LinkKeyFile.Read, refusal: ProvisioningFailure) and a trusted release public key
/// (`flash --trusted-key`, PEM; TrustedKeyStore.Create, refusal: InvalidDataException). Input: the
/// file's bytes, read as both.
/// </summary>
public sealed class KeyFilesTarget : IFuzzTarget, IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "chamberctl-fuzz-key-" + Environment.ProcessId);

    public string Name => "key-files";

    public string Description => "link key files (LinkKeyFile.Read) and trusted release key PEMs (TrustedKeyStore.Create)";

    public bool Run(byte[] input)
    {
        File.WriteAllBytes(_file, input);
        bool accepted = false;
        try
        {
            accepted |= LinkKeyFile.Read(_file, "--current-key-file").Length > 0;
        }
        catch (ProvisioningFailure)
        {
        }

        try
        {
            using TrustedKeyStore store = TrustedKeyStore.Create([_file], includeEmbedded: false);
            accepted |= store.KeyIds.Count > 0;
        }
        catch (InvalidDataException)
        {
        }

        return accepted;
    }

    public void Dispose() => File.Delete(_file);
}
