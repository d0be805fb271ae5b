using System;
using System.IO;
using System.Security.Cryptography;
using ChamberFirmware.ConsoleLink.Files;

namespace ChamberFirmware.Simulation.Hosting;

/// <summary>
/// The real-time simulator's link key: 32 fresh random bytes (never a constant in code), written as
/// hex to an owner-only file in a per-user folder, so chamberctl tools and the HIL runner of the
/// same user can connect. An existing file is reused only if no other user could have planted or
/// read it: not a symbolic link, owned by you, mode 0600 (or stricter), in a folder only you can
/// write. Anything else is refused with the reason (docs/security.md, key files).
/// </summary>
public static class DevelopmentKey
{
    /// <summary>Per user: $XDG_DATA_HOME (or ~/.local/share) /chamberctl/sim/link.key; %LOCALAPPDATA% on Windows.</summary>
    public static string DefaultPath
    {
        get
        {
            string root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            if (string.IsNullOrEmpty(root))
            {
                throw new InvalidOperationException("no per-user data folder (HOME is not set): give the key file with --key-file");
            }

            return Path.Combine(root, "chamberctl", "sim", "link.key");
        }
    }

    /// <exception cref="UnauthorizedAccessException">The file or its folder could have been written (or read) by another user; the message says why.</exception>
    /// <exception cref="FormatException">The file does not hold a key.</exception>
    public static byte[] LoadOrCreate(string path, out bool created)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? throw new ArgumentException("a key file needs a folder", nameof(path));
        PrivatePath.EnsureFolderOnlyYouCanWrite(folder);
        if (File.Exists(full) || new FileInfo(full).LinkTarget is not null)
        {
            string? why = PrivatePath.WhyNotOwnerOnly(full);
            if (why is not null)
            {
                throw new UnauthorizedAccessException("refusing the link key file " + why + "; delete it (a new key is then made) or give another --key-file");
            }

            byte[] existing;
            try
            {
                existing = Convert.FromHexString(File.ReadAllText(full).Trim());
            }
            catch (FormatException)
            {
                existing = Array.Empty<byte>();
            }

            if (existing.Length != 32)
            {
                throw new FormatException($"{full}: expected 64 hex digits (a 32-byte key)");
            }

            created = false;
            return existing;
        }

        byte[] key = RandomNumberGenerator.GetBytes(32);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(full, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.WriteLine(Convert.ToHexString(key));
        }

        created = true;
        return key;
    }
}
