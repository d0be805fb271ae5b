using System;
using System.Collections.Generic;
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
/// refused, past <see cref="BundleLimits"/> (files and folders, bytes really written); a .zip is
/// refused before its directory is read when the file is larger than the byte limit or its
/// end-of-central-directory record lists more entries than the entry limit (<see cref="ZipDirectoryCheck"/>).
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
                string? inner = budget.CreateFolder(target, relative) ?? CopyRegularFiles(root, folder.FullName, target, budget);
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
        using var file = new FileStream(zip, FileMode.Open, FileAccess.Read, FileShare.Read);
        string? refused = ZipDirectoryCheck.Check(file);
        if (refused is not null)
        {
            return refused;
        }

        file.Seek(0, SeekOrigin.Begin);
        using var archive = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
        foreach (var entry in archive.Entries)
        {
            string target = Path.GetFullPath(Path.Combine(root, entry.FullName));
            if (!target.StartsWith(root, StringComparison.Ordinal))
            {
                return "bundle entry " + entry.FullName + " would land outside the bundle";
            }

            // Every folder the entry makes (its own, or the ones its path names) counts against the limit.
            string? tooMany = CreateFolders(root, entry.FullName.EndsWith('/') ? target : Path.GetDirectoryName(target)!, budget, entry.FullName);
            if (tooMany is not null)
            {
                return tooMany;
            }

            if (entry.FullName.EndsWith('/'))
            {
                continue;
            }

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

    /// <summary>Creates <paramref name="folder"/> (inside <paramref name="root"/>) and its missing parents, each counted; returns why not.</summary>
    private static string? CreateFolders(string root, string folder, CopyBudget budget, string name)
    {
        // Outermost first, each counted, so no folder is made uncounted as another's parent. A name can
        // nest thousands deep: past the limit nothing is made at all.
        var missing = new Stack<string>();
        for (string? path = Path.TrimEndingDirectorySeparator(folder);
             path is not null && path.Length >= root.Length && !System.IO.Directory.Exists(path);
             path = Path.GetDirectoryName(path))
        {
            if (missing.Count == BundleLimits.MaxEntries)
            {
                return CopyBudget.TooMany(name);
            }

            missing.Push(path);
        }

        while (missing.Count > 0)
        {
            string? tooMany = budget.CreateFolder(missing.Pop(), name);
            if (tooMany is not null)
            {
                return tooMany;
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
