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
/// or any other special file in a bundle folder is refused. The copy stops, and the bundle is
/// refused, past <see cref="BundleLimits"/> (entries, bytes really written).
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
            var budget = new CopyBudget();
            string root = isFolder ? Path.GetFullPath(path) : string.Empty;
            string? refused = isFolder ? CopyRegularFiles(root, root, copy, budget) : ExtractZip(path, copy, budget);
            if (refused is not null)
            {
                TryDelete(copy);
                error = refused;
                return false;
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
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
    private static string? CopyRegularFiles(string root, string from, string to, CopyBudget budget)
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
                string? inner = CopyRegularFiles(root, folder.FullName, target, budget);
                if (inner is not null)
                {
                    return inner;
                }
            }
            else if (entry is FileInfo file && (entry.Attributes & (FileAttributes.Device | FileAttributes.ReparsePoint)) == 0)
            {
                using var source = file.OpenRead();
                string? tooBig = budget.Copy(source, target, relative);
                if (tooBig is not null)
                {
                    return tooBig;
                }
            }
            else
            {
                return "bundle contains a special file: " + relative + "; a release bundle holds only regular files";
            }
        }

        return null;
    }

    /// <summary>
    /// Extracts entry by entry into <paramref name="to"/>: no entry outside it (as
    /// ZipFile.ExtractToDirectory), no name twice, and within the budget; returns why not.
    /// </summary>
    private static string? ExtractZip(string zip, string to, CopyBudget budget)
    {
        string root = Path.GetFullPath(to) + Path.DirectorySeparatorChar;
        using var archive = ZipFile.OpenRead(zip);
        foreach (var entry in archive.Entries)
        {
            string target = Path.GetFullPath(Path.Combine(root, entry.FullName));
            if (!target.StartsWith(root, StringComparison.Ordinal))
            {
                return "bundle entry " + entry.FullName + " would land outside the bundle";
            }

            if (entry.FullName.EndsWith('/'))
            {
                System.IO.Directory.CreateDirectory(target);
                continue;
            }

            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (File.Exists(target))
            {
                return "bundle has two entries named " + entry.FullName;
            }

            using var source = entry.Open();
            string? tooBig = budget.Copy(source, target, entry.FullName);
            if (tooBig is not null)
            {
                return tooBig;
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
