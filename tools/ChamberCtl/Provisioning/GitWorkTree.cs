using System.IO;

namespace ChamberCtl.Provisioning;

/// <summary>Finds the git work tree a folder is in (a .git folder or file in it or a parent).</summary>
internal static class GitWorkTree
{
    public static string? Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            string git = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
