using System;
using System.IO;

namespace ChamberCtl.Release;

/// <summary>Counts the entries and the bytes of a bundle's private copy as they are written, against <see cref="BundleLimits"/>.</summary>
internal sealed class CopyBudget
{
    private readonly byte[] _buffer = new byte[81920];
    private int _entries;
    private long _bytes;

    /// <summary>Copies <paramref name="source"/> to a new file; returns why not when a limit is passed (the file is left for the caller's clean-up).</summary>
    public string? Copy(Stream source, string target, string name)
    {
        if (++_entries > BundleLimits.MaxEntries)
        {
            return "bundle has more than " + BundleLimits.MaxEntries + " files; a release bundle has a handful";
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
