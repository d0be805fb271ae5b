using System;
using System.IO;
using System.Security.Cryptography;

namespace ChamberCtl.Release;

internal static class FileHashing
{
    public static string Sha256Hex(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static string Sha256Hex(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
