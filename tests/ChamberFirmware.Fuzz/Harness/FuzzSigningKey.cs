using System.IO;
using System.Security.Cryptography;
using ChamberCtl.Release;

namespace ChamberFirmware.Fuzz.Harness;

/// <summary>
/// A P-256 key that signs bundles for the bundle targets, so the fuzzer reaches the manifest
/// checks behind the signature. It is not a release key: chamberctl does not embed or trust it;
/// only the harness's own TrustedKeyStore (without the embedded keys) does. Fixed, so the
/// checked-in zip seeds verify.
/// </summary>
public static class FuzzSigningKey
{
    public const string PrivatePem = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgfcWlU2SjUZnmUHO5
        EbZnDQnC3ewlzWxIE0ljqYGdATWhRANCAAQbL3VcS22CoBpgYhp/zt9z40tLQKJn
        icExMOGc8CJ7GreoLISjlU22Ow8vKKQsAsQ87EaHVGVP+cPDj/QALU11
        -----END PRIVATE KEY-----
        """;

    public static ECDsa Load()
    {
        var key = ECDsa.Create();
        key.ImportFromPem(PrivatePem);
        return key;
    }

    /// <summary>A trusted-key store holding only this key's public half (written to publicPemPath).</summary>
    internal static TrustedKeyStore CreateTrustedStore(string publicPemPath)
    {
        using (var key = Load())
        {
            File.WriteAllText(publicPemPath, key.ExportSubjectPublicKeyInfoPem());
        }

        return TrustedKeyStore.Create([publicPemPath], includeEmbedded: false);
    }
}
