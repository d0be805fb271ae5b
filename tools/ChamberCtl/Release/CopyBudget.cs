using System;
using System.IO;

namespace ChamberCtl.Release;

/// <summary>
/// Counts the entries (files and folders alike) and the bytes of a bundle's private copy as they are
/// written, against <see cref="BundleLimits"/>.
/// </summary>
internal sealed class CopyBudget
{
    private readonly byte[] _buffer = new byte[81920];
    private int _entries;
    private long _bytes;

    /// <summary>Counts one file or folder of the copy; returns why not when it is one too many.</summary>
    public string? Count(string name) => ++_entries > BundleLimits.MaxEntries ? TooMany(name) : null;

    /// <summary>The refusal of a bundle with more files and folders than the limit, stopped at <paramref name="name"/>.</summary>
    public static string TooMany(string name) =>
        "bundle has more than " + BundleLimits.MaxEntries + " files and folders (stopped at " + name + "); a release bundle has a handful";

    /// <summary>Creates a folder of the copy, counted; returns why not when it is one too many.</summary>
    public string? CreateFolder(string target, string name)
    {
        string? tooMany = Count(name);
        if (tooMany is null)
        {
            Directory.CreateDirectory(target);
        }

        return tooMany;
    }

    /// <summary>Copies <paramref name="source"/> to a new file, counted; returns why not when a limit is passed (the file is left for the caller's clean-up).</summary>
    public string? Copy(Stream source, string target, string name)
    {
        string? tooMany = Count(name);
        if (tooMany is not null)
        {
            return tooMany;
        }

        using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write);
        int read;
        while ((read = source.Read(_buffer, 0, _buffer.Length)) > 0)
        {
            _bytes += read;
            if (_bytes > BundleLimits.MaxTotalBytes)
            {
                return "bundle is larger than " + (BundleLimits.MaxTotalBytes / (1024 * 1024)) + " MiB unpacked (stopped at " + name + "); a release bundle is a few MiB";
            }

            output.Write(_buffer, 0, read);
        }

        return null;
    }
}
