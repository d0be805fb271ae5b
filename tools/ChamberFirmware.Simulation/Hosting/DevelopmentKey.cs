using System;
using System.IO;
using System.Security.Cryptography;

namespace ChamberFirmware.Simulation.Hosting;

/// <summary>
/// The real-time simulator's link key: 32 fresh random bytes per run (never a constant in code),
/// written as hex to a file only its owner can read, so chamberctl tools and the HIL runner on this
/// machine can connect. A given file is reused if it already holds a key.
/// </summary>
public static class DevelopmentKey
{
    public static string DefaultPath => Path.Combine(Path.GetTempPath(), "chamberctl-sim", "link.key");

    public static byte[] LoadOrCreate(string path, out bool created)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path))
        {
            byte[] existing = Convert.FromHexString(File.ReadAllText(path).Trim());
            if (existing.Length != 32)
            {
                throw new FormatException($"{path}: expected 64 hex digits (a 32-byte key)");
            }

            created = false;
            return existing;
        }

        byte[] key = RandomNumberGenerator.GetBytes(32);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.WriteLine(Convert.ToHexString(key));
        }

        created = true;
        return key;
    }
}
