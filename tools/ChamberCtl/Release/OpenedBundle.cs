using System;
using System.IO;
using System.IO.Compression;
using ChamberFirmware.ConsoleLink.Files;

namespace ChamberCtl.Release;

/// <summary>
/// A bundle ready to read: always a private copy (an owner-only folder under the temp folder,
/// deleted on Dispose) of the bundle folder or of the .zip's entries. Verification reads the copy
/// and nanoff is handed files from the copy, so whoever can write the bundle's own folder cannot
/// swap a file between the check and its use. A bundle holds only regular files: a symbolic link
/// or any other special file in a bundle folder is refused.
/// </summary>
internal sealed class OpenedBundle : IDisposable
{
    private OpenedBundle(string directory, string source)
    {
        Directory = directory;
        Source = source;
    }

    /// <summary>The private copy.</summary>
    public string Directory { get; }

    /// <summary>The bundle as given (folder or .zip).</summary>
    public string Source { get; }

    /// <param name="privateRoot">Where the private copy is made (default: the system temp folder).</param>
    public static bool TryOpen(string path, out OpenedBundle? bundle, out string error, string? privateRoot = null)
    {
        bundle = null;
        error = string.Empty;
        bool isFolder = System.IO.Directory.Exists(path);
        if (!isFolder && !File.Exists(path))
        {
            error = "bundle not found: " + path;
            return false;
        }

        string copy;
        try
        {
            copy = PrivatePath.CreateUniquePrivateFolder(privateRoot ?? Path.GetTempPath(), "chamberctl-bundle-");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = "cannot make a private copy of the bundle: " + ex.Message;
            return false;
        }

        try
        {
            if (isFolder)
            {
                string root = Path.GetFullPath(path);
                string? refused = CopyRegularFiles(root, root, copy);
                if (refused is not null)
                {
                    TryDelete(copy);
                    error = refused;
                    return false;
                }
            }
            else
            {
                // ExtractToDirectory refuses entries that would land outside the destination.
                ZipFile.ExtractToDirectory(path, copy);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            TryDelete(copy);
            error = (isFolder ? "cannot copy bundle " : "cannot open bundle ") + path + (isFolder ? ": " : " as a zip: ") + ex.Message;
            return false;
        }

        bundle = new OpenedBundle(copy, Path.GetFullPath(path));
        return true;
    }

    public void Dispose() => TryDelete(Directory);

    /// <summary>Copies every regular file and folder; returns why not when it meets anything else.</summary>
    private static string? CopyRegularFiles(string root, string from, string to)
    {
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            string relative = Path.GetRelativePath(root, entry.FullName).Replace('\\', '/');
            if (entry.LinkTarget is not null)
            {
                return "bundle contains a symbolic link: " + relative + " (to " + entry.LinkTarget + "); a release bundle holds only regular files";
            }

            string target = Path.Combine(to, entry.Name);
            if (entry is DirectoryInfo folder)
            {
                System.IO.Directory.CreateDirectory(target);
                string? inner = CopyRegularFiles(root, folder.FullName, target);
                if (inner is not null)
                {
                    return inner;
                }
            }
            else if (entry is FileInfo file && (entry.Attributes & (FileAttributes.Device | FileAttributes.ReparsePoint)) == 0)
            {
                file.CopyTo(target);
            }
            else
            {
                return "bundle contains a special file: " + relative + "; a release bundle holds only regular files";
            }
        }

        return null;
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
            // Best effort: a copy left behind is owner-only and holds nothing secret (bundles are public artefacts).
        }
    }
}
