using System;
using System.IO;
using System.Security.Cryptography;

namespace ChamberCtl.Release;

/// <summary>
/// Creates a release signing key pair for a release engineer. The private key goes to a folder
/// outside any git work tree (default ~/.chamberctl/keys), readable by its owner only; the public
/// key is what gets checked in under tools/ChamberCtl/Release/TrustedKeys.
/// </summary>
internal static class SigningKeyGenerator
{
    public static string DefaultDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".chamberctl", "keys");

    public sealed record GeneratedKey(string KeyId, string PrivateKeyPath, string PublicKeyPath);

    public static GeneratedKey Generate(string directory, string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Contains('/', StringComparison.Ordinal))
        {
            throw new InvalidDataException("key name must be a plain file name: " + name);
        }

        var full = Path.GetFullPath(directory);
        var repository = FindGitWorkTree(full);
        if (repository is not null)
        {
            throw new InvalidDataException("refusing to write a private key inside the git work tree " + repository + ": choose a folder outside any repository (default " + DefaultDirectory + ")");
        }

        var privatePath = Path.Combine(full, name + ".private.pem");
        var publicPath = Path.Combine(full, name + ".public.pem");
        if (File.Exists(privatePath) || File.Exists(publicPath))
        {
            throw new InvalidDataException("a key named " + name + " already exists in " + full + ": keys are never overwritten");
        }

        Directory.CreateDirectory(full);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var privatePem = key.ExportPkcs8PrivateKeyPem();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(privatePath, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(privatePem);
            writer.Write('\n');
        }

        File.WriteAllText(publicPath, key.ExportSubjectPublicKeyInfoPem() + "\n");
        return new GeneratedKey(SigningKeys.KeyId(key), privatePath, publicPath);
    }

    private static string? FindGitWorkTree(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var git = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
