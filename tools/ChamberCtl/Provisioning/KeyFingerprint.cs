using System;
using System.Security.Cryptography;

namespace ChamberCtl.Provisioning;

/// <summary>Names a link key without revealing it: SHA-256 of the key, first 8 bytes, lower-case hex.</summary>
internal static class KeyFingerprint
{
    public static string Of(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 8));
}
