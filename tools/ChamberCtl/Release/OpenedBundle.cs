using System;
using System.IO;
using System.IO.Compression;

namespace ChamberCtl.Release;

/// <summary>A bundle ready to read: the directory itself, or a .zip extracted to a private temp directory that is deleted on Dispose.</summary>
internal sealed class OpenedBundle : IDisposable
{
    private readonly string? _temporary;

    private OpenedBundle(string directory, string? temporary)
    {
        Directory = directory;
        _temporary = temporary;
    }

    public string Directory { get; }

    public static bool TryOpen(string path, out OpenedBundle? bundle, out string error)
    {
        bundle = null;
        error = string.Empty;
        if (System.IO.Directory.Exists(path))
        {
            bundle = new OpenedBundle(Path.GetFullPath(path), null);
            return true;
        }

        if (!File.Exists(path))
        {
            error = "bundle not found: " + path;
            return false;
        }

        var temporary = Path.Combine(Path.GetTempPath(), "chamberctl-bundle-" + Path.GetRandomFileName());
        try
        {
            // ExtractToDirectory refuses entries that would land outside the destination.
            ZipFile.ExtractToDirectory(path, temporary);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            TryDelete(temporary);
            error = "cannot open bundle " + path + " as a zip: " + ex.Message;
            return false;
        }

        bundle = new OpenedBundle(temporary, temporary);
        return true;
    }

    public void Dispose()
    {
        if (_temporary is not null)
        {
            TryDelete(_temporary);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (System.IO.Directory.Exists(directory))
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a temp copy left behind holds nothing secret (bundles are public artefacts).
        }
    }
}
