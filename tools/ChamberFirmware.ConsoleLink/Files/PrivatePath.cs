using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace ChamberFirmware.ConsoleLink.Files;

/// <summary>
/// Files and folders only their owner can have written: link keys and the private copies that are
/// handed to nanoff. On Unix a path is private when it is not a symbolic link, is owned by the
/// current user, and grants nothing to group or others (a key readable by others is leaked; a file
/// or folder writable by others may have been planted or swapped). The owner comes from statx(2)
/// on Linux; on other Unix systems only the permission bits are checked (docs/security.md, open).
/// </summary>
public static class PrivatePath
{
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// Null when no other user could have written <paramref name="path"/> (an existing file or
    /// folder): not a symbolic link, owned by you, not writable by group or others. Else why, in words.
    /// </summary>
    public static string? WhyOthersCouldWrite(string path) => Check(path, ownerOnly: false);

    /// <summary>Like <see cref="WhyOthersCouldWrite"/>, and group and others may not even read it (a key file, a private copy).</summary>
    public static string? WhyNotOwnerOnly(string path) => Check(path, ownerOnly: true);

    private static string? Check(string path, bool ownerOnly)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (OperatingSystem.IsWindows())
        {
            // NTFS ACLs: the per-user profile folders are private by default; not checked here.
            return null;
        }

        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            return path + " is a symbolic link (to " + info.LinkTarget + "): anyone who can write its folder could point it elsewhere";
        }

        if (!info.Exists && !Directory.Exists(path))
        {
            return path + " does not exist";
        }

        UnixFileMode mode = File.GetUnixFileMode(path);
        if (OwnerUid(path) is uint owner && owner != CurrentUid())
        {
            return path + " belongs to user id " + owner.ToString(CultureInfo.InvariantCulture) + ", not to you (user id "
                + CurrentUid().ToString(CultureInfo.InvariantCulture) + "): another user could have written it";
        }

        if ((mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
        {
            return path + " is writable by " + Who(mode) + " (mode " + Octal(mode) + "): another user could have written it";
        }

        if (ownerOnly && (mode & GroupOrOther) != 0)
        {
            return path + " is readable by group or others (mode " + Octal(mode) + "): it must be owner-only (0600 for a file, 0700 for a folder)";
        }

        return null;
    }

    /// <summary>Creates <paramref name="path"/> (and a missing parent) owner-only if absent, then requires that no other user could write it.</summary>
    public static void EnsureFolderOnlyYouCanWrite(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!Directory.Exists(path))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(path);
            }
            else
            {
                string? parent = Path.GetDirectoryName(Path.GetFullPath(path));
                if (parent is not null && !Directory.Exists(parent))
                {
                    Directory.CreateDirectory(parent, OwnerOnlyFolder);
                }

                Directory.CreateDirectory(path, OwnerOnlyFolder);
            }
        }

        string? why = WhyOthersCouldWrite(path);
        if (why is not null)
        {
            throw new UnauthorizedAccessException("refusing folder " + why);
        }
    }

    /// <summary>A new owner-only folder with a random name under <paramref name="parent"/>.</summary>
    public static string CreateUniquePrivateFolder(string parent, string prefix)
    {
        for (int attempt = 0; ; attempt++)
        {
            string candidate = Path.Combine(parent, prefix + Path.GetRandomFileName().Replace(".", string.Empty, StringComparison.Ordinal));
            if (Directory.Exists(candidate) || File.Exists(candidate))
            {
                if (attempt < 10)
                {
                    continue;
                }

                throw new IOException("could not create a private folder under " + parent);
            }

            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(candidate);
            }
            else
            {
                Directory.CreateDirectory(candidate, OwnerOnlyFolder);
            }

            string? why = WhyNotOwnerOnly(candidate);
            if (why is not null)
            {
                throw new UnauthorizedAccessException("refusing folder " + why);
            }

            return candidate;
        }
    }

    private static string Who(UnixFileMode mode) =>
        (mode & UnixFileMode.OtherWrite) != 0 ? "everyone" : "its group";

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0xFFF, 8);

    private static uint CurrentUid() => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() ? NativeMethods.geteuid() : 0;

    /// <summary>The owner's user id (Linux, statx: the same layout on every architecture), or null where not available.</summary>
    private static uint? OwnerUid(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        byte[] buffer = new byte[256];
        try
        {
            if (NativeMethods.statx(NativeMethods.AtFdCwd, path, NativeMethods.AtSymlinkNoFollow, NativeMethods.StatxUid, buffer) != 0)
            {
                return null;
            }
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }

        // struct statx: stx_mask (u32) at 0, ..., stx_uid (u32) at 20.
        return BitConverter.ToUInt32(buffer, 20);
    }

    private static class NativeMethods
    {
        public const int AtFdCwd = -100;
        public const int AtSymlinkNoFollow = 0x100;
        public const uint StatxUid = 0x8;

#pragma warning disable SYSLIB1054, CA5392 // plain libc calls; no unsafe code in this project
        [DllImport("libc", SetLastError = true)]
        public static extern uint geteuid();

        [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        public static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
#pragma warning restore SYSLIB1054, CA5392
    }
}
