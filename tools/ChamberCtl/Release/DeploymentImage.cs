using System;
using System.IO;
using System.Linq;

namespace ChamberCtl.Release;

/// <summary>
/// The single deployment image nanoff flashes with --deploy: every .pe file of the device build
/// concatenated, each padded to a multiple of 4 bytes (the format nanoframework/nanoFrameworkDeployer
/// Program.cs CreateBinDeploymentBlob produces). Files are taken in ordinal name order so the same
/// build always gives the same bytes.
/// </summary>
internal static class DeploymentImage
{
    public static string[] FindPeFiles(string deploymentDirectory) =>
        Directory.GetFiles(deploymentDirectory, "*.pe", SearchOption.TopDirectoryOnly)
            .OrderBy(Path.GetFileName, StringComparer.Ordinal)
            .ToArray();

    public static void Write(string[] peFiles, string destination)
    {
        using var output = File.Create(destination);
        foreach (var file in peFiles)
        {
            var bytes = File.ReadAllBytes(file);
            output.Write(bytes);
            var padding = ((bytes.Length + 3) / 4 * 4) - bytes.Length;
            output.Write(new byte[padding]);
        }
    }
}
