namespace ChamberCtl.Release;

/// <summary>manifest.sig: an ECDSA P-256 / SHA-256 signature (DER, base64) over the exact bytes of manifest.json.</summary>
internal sealed record ReleaseSignature(string Algorithm, string KeyId, string Signature)
{
    public const string EcdsaP256Sha256 = "ECDSA-P256-SHA256";
}
