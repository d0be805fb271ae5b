using System;
using System.IO;
using System.Security.Cryptography;

namespace ChamberCtl.Release;

/// <summary>Loading release keys from PEM and naming them (key id = first 16 hex digits of SHA-256 of the public key).</summary>
internal static class SigningKeys
{
    public static string KeyId(ECDsa key) =>
        Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];

    /// <summary>Loads a P-256 private key from a PEM file; throws InvalidDataException with a plain message otherwise.</summary>
    public static ECDsa LoadPrivateKey(string pemPath)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(pemPath));
            _ = key.ExportParameters(includePrivateParameters: true);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException or PlatformNotSupportedException)
        {
            key.Dispose();
            throw new InvalidDataException("the signing key " + pemPath + " is not an EC private key in PEM form: " + ex.Message, ex);
        }

        RequireP256(key, pemPath);
        return key;
    }

    /// <summary>Loads a P-256 public key from PEM text.</summary>
    public static ECDsa LoadPublicKey(string pem, string source)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException or PlatformNotSupportedException)
        {
            // PlatformNotSupportedException: a well-formed key on a curve OpenSSL does not know (found by fuzzing).
            key.Dispose();
            throw new InvalidDataException("the trusted key " + source + " is not a P-256 EC public key in PEM form: " + ex.Message, ex);
        }

        RequireP256(key, source);
        return key;
    }

    private static void RequireP256(ECDsa key, string source)
    {
        var curve = key.ExportParameters(false).Curve;
        if (key.KeySize != 256 || curve.Oid?.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            key.Dispose();
            throw new InvalidDataException(source + " is not a P-256 key (release keys are ECDSA P-256)");
        }
    }
}
