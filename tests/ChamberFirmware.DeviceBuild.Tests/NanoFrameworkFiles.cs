using System;
using System.IO;
using System.Text.RegularExpressions;

namespace ChamberFirmware.DeviceBuild.Tests;

/// <summary>Where the pinned nanoFramework files are on this machine: mscorlib from the NuGet cache, the rest in ../shared/nanoframework.</summary>
internal static class NanoFrameworkFiles
{
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "nf.proj")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("repository root (nf.proj) not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>
    /// The nanoFramework toolchain (ref/, pe/, metadata-processor/, nanoclr/): NANOFRAMEWORK_TOOLCHAIN,
    /// or ../shared/nanoframework beside the repository as on CI and these machines.
    /// </summary>
    public static string Toolchain
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("NANOFRAMEWORK_TOOLCHAIN") is { Length: > 0 } configured
                ? configured
                : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "nanoframework"));
            return Directory.Exists(Path.Combine(path, "metadata-processor"))
                ? path
                : throw new DirectoryNotFoundException("the nanoFramework toolchain is not at " + path + ": the device build tests need it (set NANOFRAMEWORK_TOOLCHAIN; docs/building.md)");
        }
    }

    public static string CoreLibraryVersion =>
        Regex.Match(File.ReadAllText(Path.Combine(RepositoryRoot, "nanoFramework.Versions.props")), "<NfCoreLibraryVersion>([^<]+)<").Groups[1].Value;

    /// <summary>The shipped mscorlib.pe of the pinned CoreLibrary package (restored with tools/DeviceBuild).</summary>
    public static string MscorlibPe
    {
        get
        {
            var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
                ? configured
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            var path = Path.Combine(cache, "nanoframework.corelibrary", CoreLibraryVersion, "lib", "mscorlib.pe");
            return File.Exists(path) ? path : throw new FileNotFoundException("mscorlib.pe of nanoFramework.CoreLibrary " + CoreLibraryVersion + " not in the NuGet cache (restore tools/DeviceBuild)", path);
        }
    }
}
