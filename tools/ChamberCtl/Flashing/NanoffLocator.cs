using System;
using System.IO;
using System.Linq;

namespace ChamberCtl.Flashing;

/// <summary>Finds the nanoff executable: --nanoff PATH, else PATH, else the dotnet global tools folder.</summary>
internal static class NanoffLocator
{
    public const string InstallHint = "install it with: dotnet tool install -g nanoff (then open a new terminal, or add ~/.dotnet/tools to PATH), or give its location with --nanoff PATH";

    public static string? Find(string? explicitPath, string? pathVariable, string? userProfile)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return File.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : null;
        }

        var names = OperatingSystem.IsWindows() ? new[] { "nanoff.exe" } : new[] { "nanoff" };
        var folders = (pathVariable ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).ToList();
        if (!string.IsNullOrEmpty(userProfile))
        {
            folders.Add(Path.Combine(userProfile, ".dotnet", "tools"));
        }

        return folders.SelectMany(folder => names.Select(name => Path.Combine(folder, name))).FirstOrDefault(File.Exists);
    }
}
