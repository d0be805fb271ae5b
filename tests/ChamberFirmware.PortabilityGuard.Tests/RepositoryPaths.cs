using System;
using System.IO;

namespace ChamberFirmware.PortabilityGuard.Tests
{
    /// <summary>Finds the repository root by walking up from the test assembly.</summary>
    internal static class RepositoryPaths
    {
        public static string Root { get; } = FindRoot();

        public static string Allowlist => Path.Combine(Root, "tools", "PortabilityGuard", "allowlist");

        private static string FindRoot()
        {
            for (var dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
            {
                if (File.Exists(Path.Combine(dir, "ChamberFirmware.sln")) || File.Exists(Path.Combine(dir, "nanoFramework.Versions.props")))
                {
                    return dir;
                }
            }

            throw new InvalidOperationException("repository root (ChamberFirmware.sln or nanoFramework.Versions.props) not found above " + AppContext.BaseDirectory);
        }
    }
}
